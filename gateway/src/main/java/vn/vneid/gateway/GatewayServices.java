package vn.vneid.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import vn.vneid.gateway.admission.Admission;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.health.HealthHandlers;
import vn.vneid.gateway.http.HttpEdge;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.pumping.PrefixHoldHandlers;

/** What the route table needs, built once by {@link Gateway} and shared by every verticle instance (all thread-safe). */
record GatewayServices(
        ApiKeys apiKeys,
        GatewayMetrics metrics,
        Handler<RoutingContext> issueOtp,
        Handler<RoutingContext> verifyOtp,
        Handler<RoutingContext> getMessage,
        Handler<RoutingContext> scrape,
        HealthHandlers health,
        Handler<RoutingContext> openApi,
        NoticeHandlers notices,
        PrefixHoldHandlers prefixHolds,
        Admission admission,
        HttpEdge edge) {
}
