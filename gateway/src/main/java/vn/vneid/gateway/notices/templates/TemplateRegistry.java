package vn.vneid.gateway.notices.templates;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import vn.vneid.gateway.notices.TemplateException;
import vn.vneid.gateway.notices.TemplateRenderer;

/**
 * Every template this instance can render, held in memory: the built-ins, then the configuration's seeds, then
 * the admin-defined ones from the {@link TemplateStore}, each layer overriding the one before by name.
 * {@link #refresh} reloads the stored layer (call it at start and periodically, so admin changes made on
 * another instance arrive); changes made through {@link #define} and {@link #remove} are applied here at once.
 * Rendering never touches the store.
 */
public final class TemplateRegistry implements TemplateRenderer {
    public static final String DEFAULT_LOCALE = "vi";
    private final TemplateStore store;
    private final Map<String, Entry> base;
    private final AtomicLong refreshes = new AtomicLong();
    private long applied;
    private volatile Map<String, Entry> current;

    /** Where a template in effect comes from. */
    public enum Source {
        BUILTIN, CONFIG, ADMIN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A template in effect and where it comes from. */
    public record Entry(Template template, Source source) {
    }

    /** What {@link #remove} did. */
    public enum Removal {
        /** The stored template is gone (a built-in or seed of that name is in effect again). */
        REMOVED,
        /** Nothing stored under that name, but a built-in or seed: those cannot be deleted, only overridden. */
        BUILTIN,
        NOT_FOUND
    }

    /** Built-ins and {@code seeds} (from {@link #fromYaml}) at once; the stored layer after {@link #refresh}. */
    public TemplateRegistry(List<Template> seeds, TemplateStore store) {
        this.store = store;
        Map<String, Entry> layers = new LinkedHashMap<>();
        BuiltinTemplates.all().forEach(t -> layers.put(t.name(), new Entry(t, Source.BUILTIN)));
        seeds.forEach(t -> layers.put(t.name(), new Entry(t, Source.CONFIG)));
        this.base = Map.copyOf(layers);
        this.current = base;
    }

    /**
     * The {@code templates:} section of the configuration: a list of {@code {name, vars: {var: TEXT|NUMBER|DATE},
     * bodies: {vi: ..., en: ...}}}. Throws {@link vn.vneid.gateway.config.ConfigException} naming the entry and
     * field, as {@code templates[2].bodies.vi}.
     */
    public static List<Template> fromYaml(List<Map<String, Object>> section) {
        return TemplateDefinitions.fromYaml(section);
    }

    /** Reloads the admin-defined templates; a refresh that finishes after a newer one changes nothing. */
    public CompletionStage<Void> refresh() {
        long generation = refreshes.incrementAndGet();
        return store.all().thenAccept(stored -> apply(generation, stored));
    }

    private synchronized void apply(long generation, List<Template> stored) {
        if (generation < applied) {
            return;
        }
        applied = generation;
        Map<String, Entry> next = new HashMap<>(base);
        stored.forEach(t -> next.put(t.name(), new Entry(t, Source.ADMIN)));
        current = Map.copyOf(next);
    }

    /** Stores {@code template} for every instance and applies it here; true when the name was new. */
    public CompletionStage<Boolean> define(Template template) {
        return store.put(template).thenCompose(fresh -> refresh()
                .thenApply(v -> fresh && !base.containsKey(template.name())));
    }

    /** Deletes an admin-defined template; a built-in or seed of the same name takes effect again. */
    public CompletionStage<Removal> remove(String name) {
        return store.delete(name).thenCompose(deleted -> deleted
                ? refresh().thenApply(v -> Removal.REMOVED)
                : CompletableFuture.completedFuture(base.containsKey(name) ? Removal.BUILTIN : Removal.NOT_FOUND));
    }

    /** The template in effect, read from the store (so that changes from other instances show at once). */
    public CompletionStage<Optional<Entry>> lookup(String name) {
        return store.get(name).thenApply(stored -> stored.map(t -> new Entry(t, Source.ADMIN))
                .or(() -> Optional.ofNullable(base.get(name))));
    }

    /** The template this instance renders under {@code name}, as of the last refresh. */
    public Optional<Entry> inEffect(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(current.get(name));
    }

    @Override
    public boolean exists(String template) {
        return inEffect(template).isPresent();
    }

    /** {@inheritDoc} A null {@code locale} means {@value #DEFAULT_LOCALE}; {@code vars} may be null when none are declared. */
    @Override
    public String render(String name, String locale, JsonObject vars) {
        Template template = inEffect(name).map(Entry::template).orElseThrow(() ->
                new TemplateException("template.unknown", "template", "no template named " + name));
        String lang = locale == null ? DEFAULT_LOCALE : locale.toLowerCase(Locale.ROOT);
        if (!template.bodies().containsKey(lang)) {
            throw new TemplateException("template.unknown_locale", "locale",
                    "template " + name + " has no body in locale '" + locale + "'; it has " + template.bodies().keySet());
        }
        if (vars != null) {
            for (String given : vars.fieldNames()) {
                if (!template.vars().containsKey(given)) {
                    throw new TemplateException("template.unknown_variable", "vars." + given,
                            "template " + name + " has no variable " + given + "; it takes " + template.vars().keySet());
                }
            }
        }
        Map<String, String> values = new HashMap<>(template.vars().size() * 2);
        for (Map.Entry<String, VarType> var : template.vars().entrySet()) {
            String field = "vars." + var.getKey();
            Object value = vars == null ? null : vars.getValue(var.getKey());
            if (value == null) {
                throw new TemplateException("template.missing_variable", field,
                        field + " is required (" + var.getValue() + ") by template " + name);
            }
            try {
                values.put(var.getKey(), var.getValue().format(value));
            } catch (IllegalArgumentException e) {
                throw new TemplateException("template.invalid_variable", field, field + " " + e.getMessage());
            }
        }
        return template.fill(lang, values);
    }
}
