package vn.vneid.gateway.health;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import vn.vneid.smpp.SmsSender;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: Redis answers PING within a second and at
 * least one SMSC session is bound; otherwise 503 with what is missing, so a load balancer stops routing here.
 */
public final class HealthHandlers {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    private final RedisAsyncCommands<String, String> redis;
    private final SmsSender sender;

    public HealthHandlers(RedisAsyncCommands<String, String> redis, SmsSender sender) {
        this.redis = redis;
        this.sender = sender;
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
                    boolean ready = redisUp && smscUp;
                    ctx.response().setStatusCode(ready ? 200 : 503);
                    ctx.json(new JsonObject()
                            .put("status", ready ? "UP" : "DOWN")
                            .put("redis", redisUp ? "UP" : "DOWN")
                            .put("smsc", smscUp ? "UP" : "DOWN"));
                });
    }
}
