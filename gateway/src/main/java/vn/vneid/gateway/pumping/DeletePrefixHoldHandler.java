package vn.vneid.gateway.pumping;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.ProblemException;

/**
 * {@code DELETE /v1/admin/prefix-holds/{prefix}} (admin): ends the prefix's hold now, on every instance within
 * {@code refreshEvery}. 200 with the hold that ended; 404 {@code prefix_hold.not_found} when none was live; 400
 * naming {@code prefix}. The prefix is held again only on fresh evidence.
 */
public final class DeletePrefixHoldHandler implements Handler<RoutingContext> {
    private final PumpingGuard guard;

    public DeletePrefixHoldHandler(PumpingGuard guard) {
        this.guard = guard;
    }

    @Override
    public void handle(RoutingContext ctx) {
        NumberPrefix prefix = PrefixHoldInput.prefix(ctx);
        var answer = guard.release(prefix, AuthHandler.client(ctx).name()).thenApply(released -> released
                .map(hold -> JsonAnswer.of(200, hold.toJson()))
                .orElseThrow(() -> ProblemException.of(404, "prefix_hold.not_found",
                        "no live hold for prefix " + prefix).withField("prefix")));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }
}
