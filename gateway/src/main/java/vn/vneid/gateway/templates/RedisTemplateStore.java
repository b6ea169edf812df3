package vn.vneid.gateway.templates;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.otp.OtpStoreUnavailableException;

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
        return guarded("store template", () -> redis.sadd(NAMES, template.name())
                .thenCompose(added -> redis.setGet(key(template.name()), json))
                .thenApply(previous -> previous == null));
    }

    @Override
    public CompletionStage<Optional<Template>> get(String name) {
        return guarded("read template", () -> redis.get(key(name)).thenApply(raw -> decode(name, raw)));
    }

    @Override
    public CompletionStage<Boolean> delete(String name) {
        return guarded("delete template", () -> redis.del(key(name))
                .thenCompose(deleted -> redis.srem(NAMES, name).thenApply(removed -> deleted > 0)));
    }

    @Override
    public CompletionStage<List<Template>> all() {
        return guarded("load templates", () -> redis.smembers(NAMES).thenCompose(names -> {
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

    /** Maps Lettuce failures to the one the ports promise, {@link OtpStoreUnavailableException} (answered 503). */
    static <T> CompletionStage<T> guarded(String what, Supplier<CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RedisException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RedisCommandTimeoutException) {
                throw new OtpStoreUnavailableException(what + ": Redis did not answer in time; retry later", cause);
            }
            if (cause instanceof RedisException) {
                throw new OtpStoreUnavailableException(what + ": Redis failed (" + cause.getMessage() + "); retry later", cause);
            }
            throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }
}
