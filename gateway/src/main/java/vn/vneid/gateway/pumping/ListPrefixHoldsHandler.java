package vn.vneid.gateway.pumping;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import vn.vneid.gateway.http.JsonAnswer;

/**
 * {@code GET /v1/admin/prefix-holds} (admin): 200 {@code {holds: [{prefix, since, until, reason}]}}, every live
 * hold of every instance, read from Redis, by prefix; {@code reason} says {@code source} ({@code detected} with
 * the numbers seen: issues, verified, verifyRatio, baseline; or {@code manual} with {@code by}).
 */
public final class ListPrefixHoldsHandler implements Handler<RoutingContext> {
    private final PumpingGuard guard;

    public ListPrefixHoldsHandler(PumpingGuard guard) {
        this.guard = guard;
    }

    @Override
    public void handle(RoutingContext ctx) {
        var answer = guard.list().thenApply(holds -> JsonAnswer.of(200, new JsonObject()
                .put("holds", new JsonArray(holds.stream().map(PrefixHold::toJson).toList()))));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }
}
