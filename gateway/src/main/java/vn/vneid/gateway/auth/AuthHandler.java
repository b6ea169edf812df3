package vn.vneid.gateway.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.stream.Collectors;
import vn.vneid.gateway.http.ProblemException;

/**
 * Lets a request through only with {@code Authorization: Bearer <key>} of a known client that has the
 * route's scope (one of them, where several are named): 401 when the key is missing or unknown, 403 when the scope is missing.
 * The client is left in the context under {@link #CLIENT} for the handlers (idempotency, metrics).
 */
public final class AuthHandler implements Handler<RoutingContext> {
    public static final String CLIENT = "apiClient";
    private final ApiKeys keys;
    private final Set<Scope> anyOf;

    /** Lets through clients that hold at least one of {@code anyOf}. */
    public AuthHandler(ApiKeys keys, Scope... anyOf) {
        this.keys = keys;
        this.anyOf = Set.of(anyOf);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(ProblemException.of(401, "auth.missing_key", "send Authorization: Bearer <api key>"));
            return;
        }
        ApiClient client = keys.find(header.substring(7).trim()).orElse(null);
        if (client == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ctx.fail(ProblemException.of(401, "auth.invalid_key", "the API key is not known"));
            return;
        }
        if (anyOf.stream().noneMatch(client::may)) {
            ctx.fail(ProblemException.of(403, "auth.missing_scope", "client '" + client.name() + "' lacks the scope "
                    + anyOf.stream().map(Scope::label).sorted().collect(Collectors.joining(" or "))));
            return;
        }
        ctx.put(CLIENT, client);
        ctx.next();
    }

    public static ApiClient client(RoutingContext ctx) {
        return ctx.get(CLIENT);
    }
}
