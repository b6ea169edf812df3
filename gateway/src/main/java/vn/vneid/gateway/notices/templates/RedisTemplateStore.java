package vn.vneid.gateway.notices.templates;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.redis.RedisFailures;

/**
 * Admin-defined templates in Redis: each as JSON ({@code {name, vars, bodies}}) under {@code tpl:{NAME}}, and
 * their names in the set {@value #NAMES} so that {@link #all} needs no key scan. A put adds the name before the
 * body and a delete removes the body before the name, so a half-done change leaves at worst a name without a
 * body, which {@link #all} skips. A stored value that no longer parses (edited by hand, or rules tightened) is
 * logged and skipped rather than failing every refresh.
 */
public final class RedisTemplateStore implements TemplateStore {
    private static final Logger log = LoggerFactory.getLogger(RedisTemplateStore.class);
    static final String NAMES = "tpl:names";
    private final RedisAsyncCommands<String, String> redis;

    public RedisTemplateStore(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    static String key(String name) {
        return "tpl:{" + name + "}";
    }

    @Override
    public CompletionStage<Boolean> put(Template template) {
        String json = TemplateDefinitions.toJson(template).encode();
        return RedisFailures.guarded("store template", () -> redis.sadd(NAMES, template.name())
                .thenCompose(added -> redis.setGet(key(template.name()), json))
                .thenApply(previous -> previous == null));
    }

    @Override
    public CompletionStage<Optional<Template>> get(String name) {
        return RedisFailures.guarded("read template", () -> redis.get(key(name)).thenApply(raw -> decode(name, raw)));
    }

    @Override
    public CompletionStage<Boolean> delete(String name) {
        return RedisFailures.guarded("delete template", () -> redis.del(key(name))
                .thenCompose(deleted -> redis.srem(NAMES, name).thenApply(removed -> deleted > 0)));
    }

    @Override
    public CompletionStage<List<Template>> all() {
        return RedisFailures.guarded("load templates", () -> redis.smembers(NAMES).thenCompose(names -> {
            if (names.isEmpty()) {
                return CompletableFuture.completedFuture(List.<Template>of());
            }
            String[] keys = names.stream().map(RedisTemplateStore::key).toArray(String[]::new);
            List<String> ordered = List.copyOf(names);
            return redis.mget(keys).thenApply(values -> {
                List<Template> templates = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    KeyValue<String, String> value = values.get(i);
                    if (value.hasValue()) {
                        decode(ordered.get(i), value.getValue()).ifPresent(templates::add);
                    }
                }
                return templates;
            });
        }));
    }

    private static Optional<Template> decode(String name, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            JsonObject json = new JsonObject(raw);
            return Optional.of(TemplateDefinitions.fromJson(name, json));
        } catch (DecodeException | InvalidTemplateException | ClassCastException e) {
            log.atError().setMessage("stored template is unreadable and is ignored; PUT it again or DELETE it")
                    .addKeyValue("event", "template.unreadable").addKeyValue("template", name)
                    .addKeyValue("key", key(name)).addKeyValue("reason", e.getMessage()).log();
            return Optional.empty();
        }
    }

}
