package vn.vneid.gateway.api.templates;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.notices.templates.TemplateRegistry;

/**
 * {@code DELETE /v1/templates/{name}} (admin): removes an admin-defined template for every instance; 204. When it
 * overrode a built-in (or a configuration seed), that one is in effect again. A built-in or seed itself cannot be
 * deleted: 409 {@code template.builtin} (override it with PUT instead); 404 {@code template.not_found}.
 */
public final class DeleteTemplateHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(DeleteTemplateHandler.class);
    private final TemplateRegistry registry;

    public DeleteTemplateHandler(TemplateRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        ApiClient client = AuthHandler.client(ctx);
        var answer = registry.remove(name).thenApply(removal -> switch (removal) {
            case REMOVED -> {
                log.atInfo().setMessage("template deleted").addKeyValue("event", "template.deleted")
                        .addKeyValue("template", name).addKeyValue("client", client == null ? null : client.name())
                        .log();
                yield removal;
            }
            case BUILTIN -> throw ProblemException.of(409, "template.builtin", "template " + name
                    + " is built in or defined in the configuration; it cannot be deleted, only overridden with PUT");
            case NOT_FOUND -> throw GetTemplateHandler.notFound(name);
        });
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(r -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }
}
