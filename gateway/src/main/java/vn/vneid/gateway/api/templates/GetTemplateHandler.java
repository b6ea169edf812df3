package vn.vneid.gateway.api.templates;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.notices.templates.TemplateDefinitions;
import vn.vneid.gateway.notices.templates.TemplateRegistry;

/**
 * {@code GET /v1/templates/{name}} (admin): the template in effect, read from the store so that a change made on
 * another instance shows at once, with its {@code source} ({@code builtin}, {@code config} or {@code admin});
 * 404 {@code template.not_found}.
 */
public final class GetTemplateHandler implements Handler<RoutingContext> {
    private final TemplateRegistry registry;

    public GetTemplateHandler(TemplateRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        var answer = registry.lookup(name).thenApply(found -> found
                .map(entry -> JsonAnswer.of(200, TemplateDefinitions.toJson(entry)))
                .orElseThrow(() -> notFound(name)));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }

    static ProblemException notFound(String name) {
        return ProblemException.of(404, "template.not_found", "no template named " + name);
    }
}
