package vn.vneid.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.auth.Scope;
import vn.vneid.gateway.http.ConnectionGuard;
import vn.vneid.gateway.http.FailureHandler;
import vn.vneid.gateway.http.HttpEdge;
import vn.vneid.gateway.http.InvalidRequestHandler;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.http.RequestTimeoutHandler;
import vn.vneid.gateway.metrics.HttpMetricsHandler;

/**
 * The HTTP API: the route table (route templates are also the metric and problem labels) and the server it runs
 * on, with the edge's guards ({@link ConnectionGuard}, {@link InvalidRequestHandler}, the limits of {@link HttpEdge}).
 */
public final class HttpApiVerticle extends VerticleBase {
    static final int BODY_LIMIT_BYTES = 16 * 1024;
    private final GatewayServices s;
    private final String host;
    private final int port;
    private final BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);

    HttpApiVerticle(GatewayServices services, String host, int port) {
        this.s = services;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        NoticeHandlers n = s.notices();
        HttpEdge edge = s.edge();
        ConnectionGuard guard = new ConnectionGuard(edge.connections(), edge.limits().headerTimeout());
        router.route().handler(new RequestIds());
        router.route().handler(guard.answers());
        router.route().handler(new HttpMetricsHandler(s.metrics()));
        router.route().handler(edge.outages().watcher());
        // Streamed (millions of NDJSON lines): no BodyHandler, which would buffer it, and registered before the
        // request timeout, which would cut it (the idle timeout bounds it instead).
        streamed(router, HttpMethod.POST, "/v1/campaigns/:id/recipients", n.uploadRecipients(), Scope.CAMPAIGNS);
        router.route().handler(new RequestTimeoutHandler(edge.limits().requestTimeout()));
        route(router, HttpMethod.POST, "/v1/otp", s.issueOtp(), Scope.OTP);
        route(router, HttpMethod.POST, "/v1/otp/verify", s.verifyOtp(), Scope.OTP);
        route(router, HttpMethod.POST, "/v1/messages", s.admission().byCategory(n.sendMessage()), Scope.MESSAGES);
        route(router, HttpMethod.GET, "/v1/messages/:id", s.getMessage(), Scope.MESSAGES, Scope.OTP, Scope.ADMIN);
        route(router, HttpMethod.POST, "/v1/campaigns", n.createCampaign(), Scope.CAMPAIGNS);
        route(router, HttpMethod.GET, "/v1/campaigns/:id", n.getCampaign(), Scope.CAMPAIGNS);
        route(router, HttpMethod.POST, "/v1/campaigns/:id/:action", n.campaignAction(), Scope.CAMPAIGNS);
        route(router, HttpMethod.PUT, "/v1/templates/:name", n.putTemplate(), Scope.ADMIN);
        route(router, HttpMethod.GET, "/v1/templates/:name", n.getTemplate(), Scope.ADMIN);
        route(router, HttpMethod.DELETE, "/v1/templates/:name", n.deleteTemplate(), Scope.ADMIN);
        route(router, HttpMethod.PUT, "/v1/optouts/:phone", n.putOptOut(), Scope.ADMIN);
        route(router, HttpMethod.GET, "/v1/optouts/:phone", n.getOptOut(), Scope.ADMIN);
        route(router, HttpMethod.DELETE, "/v1/optouts/:phone", n.deleteOptOut(), Scope.ADMIN);
        route(router, HttpMethod.GET, "/v1/admin/prefix-holds", s.prefixHolds().list(), Scope.ADMIN);
        route(router, HttpMethod.PUT, "/v1/admin/prefix-holds/:prefix", s.prefixHolds().put(), Scope.ADMIN);
        route(router, HttpMethod.DELETE, "/v1/admin/prefix-holds/:prefix", s.prefixHolds().delete(), Scope.ADMIN);
        open(router, "/metrics", s.scrape());
        open(router, "/health/live", s.health()::live);
        open(router, "/health/ready", s.health()::ready);
        open(router, "/openapi.yaml", s.openApi());
        FailureHandler failures = new FailureHandler(edge.outages());
        router.route().failureHandler(failures);
        // 500: a handler that carries on after its request failed (timed out) must not be an "unhandled exception".
        router.errorHandler(404, failures).errorHandler(405, failures).errorHandler(500, failures);
        guard.start(vertx);
        return vertx.createHttpServer(edge.serverOptions())
                .connectionHandler(guard::onConnection)
                .invalidRequestHandler(new InvalidRequestHandler(edge.limits(), s.metrics()))
                .requestHandler(guard.requests(router))
                .listen(port, host);
    }

    private void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler, Scope... anyOf) {
        guard(router, method, path, anyOf);
        router.route(method, path).handler(body).handler(handler); // Vert.x wants a BodyHandler first on its route
    }

    /** A route whose handler reads the request itself: nothing before it may read the body. */
    private void streamed(Router router, HttpMethod method, String path, Handler<RoutingContext> handler, Scope... anyOf) {
        guard(router, method, path, anyOf).handler(handler);
    }

    /** Tag, key and scope, then admission (503 overloaded before the body is read) and the client's quota (429). */
    private Route guard(Router router, HttpMethod method, String path, Scope... anyOf) {
        return router.route(method, path).handler(HttpMetricsHandler.tag(path))
                .handler(new AuthHandler(s.apiKeys(), anyOf))
                .handler(s.admission().admit(method, path))
                .handler(s.admission().quota());
    }

    private static void open(Router router, String path, Handler<RoutingContext> handler) {
        router.get(path).handler(HttpMetricsHandler.tag(path)).handler(handler);
    }
}
