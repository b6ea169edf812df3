package vn.vneid.gateway.api.optouts;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.optouts.RedisOptOuts;
import vn.vneid.smpp.Msisdn;

/**
 * {@code DELETE /v1/optouts/{phone}?category=BULK} (admin): the citizen receives that category again
 * ({@code category} may repeat; without it, every category). Answers 200 {@code {phone (masked), categories}}
 * with what remains opted out; 400 naming {@code phone} or {@code category}.
 */
public final class DeleteOptOutHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(DeleteOptOutHandler.class);
    private final RedisOptOuts optOuts;

    public DeleteOptOutHandler(RedisOptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Msisdn phone = OptOutInput.phone(ctx);
        Set<Category> categories = OptOutInput.categories(ctx.queryParam("category"));
        var answer = optOuts.optIn(phone, categories).thenApply(now -> {
            OptOutInput.logChange(log, ctx, "optout.removed", phone, categories);
            return OptOutInput.answer(phone, now);
        });
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }
}
