package vn.vneid.gateway.api.campaigns;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.notices.TemplateRenderer;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;

/**
 * {@code POST /v1/campaigns}: creates a DRAFT campaign of the calling client and answers 201
 * {@code {campaignId, state}}; every bad field is a 400 naming it (see {@link CampaignInput}).
 */
public final class CreateCampaignHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(CreateCampaignHandler.class);
    private final RedisCampaignStore store;
    private final TemplateRenderer templates;
    private final Clock clock;

    public CreateCampaignHandler(RedisCampaignStore store, TemplateRenderer templates, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String client = AuthHandler.client(ctx).name();
        Campaign campaign = CampaignInput.parse(JsonRequest.of(ctx).json(), client, templates, clock.instant());
        Future.fromCompletionStage(store.create(campaign), ctx.vertx().getOrCreateContext())
                .onSuccess(v -> {
                    log.atInfo().setMessage("campaign created").addKeyValue("event", "campaign.created")
                            .addKeyValue("requestId", RequestIds.of(ctx)).addKeyValue("client", client)
                            .addKeyValue("campaignId", campaign.id()).addKeyValue("template", campaign.template()).log();
                    ctx.response().putHeader("Location", "/v1/campaigns/" + campaign.id());
                    JsonAnswer.of(201, new JsonObject().put("campaignId", campaign.id())
                            .put("state", campaign.state().name())).write(ctx);
                })
                .onFailure(ctx::fail);
    }
}
