package vn.vneid.gateway.health;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import vn.vneid.gateway.store.StoreSafety;
import vn.vneid.smpp.SmsSender;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: Redis answers PING within a second, keeps what
 * it is given (an append-only file, unless volatile storage is allowed: {@code store}) and at least one SMSC session
 * is bound; otherwise 503 with what is missing, so a load balancer stops routing here.
 */
public final class HealthHandlers {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    private final RedisAsyncCommands<String, String> redis;
    private final SmsSender sender;
    private final StoreSafety store;

    public HealthHandlers(RedisAsyncCommands<String, String> redis, SmsSender sender, StoreSafety store) {
        this.redis = redis;
        this.sender = sender;
        this.store = store;
    }

    public void live(RoutingContext ctx) {
        ctx.json(new JsonObject().put("status", "UP"));
    }

    public void ready(RoutingContext ctx) {
        var ping = redis.ping().toCompletableFuture().orTimeout(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Future.fromCompletionStage(ping, ctx.vertx().getOrCreateContext())
                .map("PONG"::equals).otherwise(false)
                .onComplete(r -> {
                    boolean redisUp = r.result();
                    boolean smscUp = sender.isAvailable();
                    boolean ready = redisUp && smscUp && store.ready();
                    ctx.response().setStatusCode(ready ? 200 : 503);
                    ctx.json(new JsonObject()
                            .put("status", ready ? "UP" : "DOWN")
                            .put("redis", redisUp ? "UP" : "DOWN")
                            .put("store", store.state())
                            .put("smsc", smscUp ? "UP" : "DOWN"));
                });
    }
}
