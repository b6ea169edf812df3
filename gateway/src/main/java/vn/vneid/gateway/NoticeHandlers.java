package vn.vneid.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The handlers of the notices routes: messages, templates, opt-outs, campaigns. */
record NoticeHandlers(
        Handler<RoutingContext> sendMessage,
        Handler<RoutingContext> putTemplate,
        Handler<RoutingContext> getTemplate,
        Handler<RoutingContext> deleteTemplate,
        Handler<RoutingContext> putOptOut,
        Handler<RoutingContext> getOptOut,
        Handler<RoutingContext> deleteOptOut,
        Handler<RoutingContext> createCampaign,
        Handler<RoutingContext> uploadRecipients,
        Handler<RoutingContext> campaignAction,
        Handler<RoutingContext> getCampaign) {
}
