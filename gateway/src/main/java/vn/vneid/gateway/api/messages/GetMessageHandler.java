package vn.vneid.gateway.api.messages;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.auth.Scope;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.notices.MessageStatusStore;

/**
 * {@code GET /v1/messages/{id}}: status and timeline of a message the calling client sent (admins see all);
 * another client's message is answered 404, as if it did not exist.
 */
public final class GetMessageHandler implements Handler<RoutingContext> {
    private final MessageStatusStore statuses;

    public GetMessageHandler(MessageStatusStore statuses) {
        this.statuses = statuses;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !id.matches("msg_[0-9a-f]{32}")) {
            throw ProblemException.of(404, "message.not_found", "no message with this id");
        }
        ApiClient client = AuthHandler.client(ctx);
        var answer = statuses.find(id).thenApply(found -> found
                .filter(m -> client.may(Scope.ADMIN) || client.name().equals(m.client()))
                .map(m -> JsonAnswer.of(200, m.toJson()))
                .orElseThrow(() -> ProblemException.of(404, "message.not_found", "no message with this id")));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }
}
