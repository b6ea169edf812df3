package vn.vneid.gateway.api.optouts;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import vn.vneid.gateway.notices.optouts.RedisOptOuts;
import vn.vneid.smpp.Msisdn;

/**
 * {@code GET /v1/optouts/{phone}} (admin): 200 {@code {phone (masked), categories}}, an empty list when the
 * citizen opted out of nothing; 400 naming {@code phone}.
 */
public final class GetOptOutHandler implements Handler<RoutingContext> {
    private final RedisOptOuts optOuts;

    public GetOptOutHandler(RedisOptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Msisdn phone = OptOutInput.phone(ctx);
        var answer = optOuts.categories(phone).thenApply(now -> OptOutInput.answer(phone, now));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }
}
