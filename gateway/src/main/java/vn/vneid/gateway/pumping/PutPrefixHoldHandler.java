package vn.vneid.gateway.pumping;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.JsonAnswer;

/**
 * {@code PUT /v1/admin/prefix-holds/{prefix}} (admin), optional body {@code {"duration": "2h"}} (default
 * {@code otp.pumpingGuard.holdFor}): holds OTP issues to the prefix on every instance from now for that long,
 * replacing any hold it had. 200 with the hold; 400 naming {@code prefix} or {@code duration}.
 */
public final class PutPrefixHoldHandler implements Handler<RoutingContext> {
    private final PumpingGuard guard;

    public PutPrefixHoldHandler(PumpingGuard guard) {
        this.guard = guard;
    }

    @Override
    public void handle(RoutingContext ctx) {
        NumberPrefix prefix = PrefixHoldInput.prefix(ctx);
        var duration = PrefixHoldInput.duration(ctx, guard.config().holdFor());
        var answer = guard.hold(prefix, duration, AuthHandler.client(ctx).name())
                .thenApply(hold -> JsonAnswer.of(200, hold.toJson()));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }
}
