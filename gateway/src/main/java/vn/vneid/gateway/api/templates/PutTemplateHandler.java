package vn.vneid.gateway.api.templates;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.notices.templates.InvalidTemplateException;
import vn.vneid.gateway.notices.templates.Template;
import vn.vneid.gateway.notices.templates.TemplateDefinitions;
import vn.vneid.gateway.notices.templates.TemplateRegistry;

/**
 * {@code PUT /v1/templates/{name}} (admin) with {@code {vars: {var: TEXT|NUMBER|DATE}, bodies: {vi, en}}}:
 * defines or replaces a template for every instance (a built-in's name overrides the built-in). Answers 201
 * with the template when the name was new, 200 when it replaced one; 400 naming the field that breaks a rule
 * ({@code name}, {@code vars.x}, {@code bodies.vi}).
 */
public final class PutTemplateHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(PutTemplateHandler.class);
    private static final Set<String> FIELDS = Set.of("vars", "bodies");
    private final TemplateRegistry registry;

    public PutTemplateHandler(TemplateRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Template template = parse(ctx.pathParam("name"), JsonRequest.of(ctx).json());
        ApiClient client = AuthHandler.client(ctx);
        var answer = registry.define(template).thenApply(created -> {
            log.atInfo().setMessage("template defined").addKeyValue("event", "template.defined")
                    .addKeyValue("template", template.name()).addKeyValue("created", created)
                    .addKeyValue("client", client == null ? null : client.name()).log();
            return JsonAnswer.of(created ? 201 : 200,
                    TemplateDefinitions.toJson(new TemplateRegistry.Entry(template, TemplateRegistry.Source.ADMIN)));
        });
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }

    private static Template parse(String name, JsonObject body) {
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ProblemException.invalidField(field, "is not a template field (vars, bodies)");
            }
        }
        try {
            return TemplateDefinitions.fromJson(name, body);
        } catch (InvalidTemplateException e) {
            throw ProblemException.invalidField(e.field(), e.problem());
        }
    }
}
