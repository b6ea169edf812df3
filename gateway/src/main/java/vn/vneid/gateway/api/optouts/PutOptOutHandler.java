package vn.vneid.gateway.api.optouts;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.optouts.RedisOptOuts;
import vn.vneid.smpp.Msisdn;

/**
 * {@code PUT /v1/optouts/{phone}} (admin) with {@code {categories: ["BULK"]}}: the citizen no longer receives
 * those categories (adds to earlier opt-outs). Answers 200 {@code {phone (masked), categories}} with every
 * category now opted out; 400 naming {@code phone} or {@code categories}.
 */
public final class PutOptOutHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(PutOptOutHandler.class);
    private final RedisOptOuts optOuts;

    public PutOptOutHandler(RedisOptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Msisdn phone = OptOutInput.phone(ctx);
        Set<Category> categories = OptOutInput.categories(JsonRequest.of(ctx));
        var answer = optOuts.optOut(phone, categories).thenApply(now -> {
            OptOutInput.logChange(log, ctx, "optout.added", phone, categories);
            return OptOutInput.answer(phone, now);
        });
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }
}
