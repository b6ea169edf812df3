package vn.vneid.gateway.metrics;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Times every request into {@code gateway_http_requests_seconds{method,route,status}}. The route label is the
 * route template the verticle tagged the request with ({@link #ROUTE}), never the raw path, so ids do not
 * explode the label set; requests that matched no route count as {@code unmatched}. Methods outside the
 * standard few count as {@code OTHER} ({@link GatewayMetrics#httpRequest}): a client can invent a method per
 * request, and each must not become a series that lives forever.
 */
public final class HttpMetricsHandler implements Handler<RoutingContext> {
    public static final String ROUTE = "metricsRoute";
    private final GatewayMetrics metrics;

    public HttpMetricsHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(v -> {
            String route = ctx.get(ROUTE);
            metrics.httpRequest(ctx.request().method().name(), route == null ? "unmatched" : route,
                    ctx.response().getStatusCode(), System.nanoTime() - start);
        });
        ctx.next();
    }

    /** The handler that tags a route with its template; first on every route. */
    public static Handler<RoutingContext> tag(String route) {
        return ctx -> {
            ctx.put(ROUTE, route);
            ctx.next();
        };
    }
}
