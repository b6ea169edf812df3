package vn.vneid.gateway.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /metrics}: the Prometheus text exposition of every meter of the process. */
public final class ScrapeHandler implements Handler<RoutingContext> {
    private final PrometheusMeterRegistry registry;

    public ScrapeHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
    }
}
