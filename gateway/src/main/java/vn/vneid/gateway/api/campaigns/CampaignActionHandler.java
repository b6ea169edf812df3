package vn.vneid.gateway.api.campaigns;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.gateway.notices.campaigns.CampaignAction;
import vn.vneid.gateway.notices.campaigns.CampaignProblems;
import vn.vneid.gateway.notices.campaigns.CampaignState;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;

/**
 * {@code POST /v1/campaigns/{id}/start|pause|resume|cancel} (the action is the path's last segment, or the
 * path parameter {@code action}): moves the campaign if the move is allowed from its state (else 409
 * {@code campaign.invalid_transition} naming from and to) and answers 200 {@code {campaignId, state, previousState}}.
 * Cancel also drops the recipients still in the lane and counts them {@code cancelled} ({@code dropped}).
 */
public final class CampaignActionHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(CampaignActionHandler.class);
    private final RedisCampaignStore store;
    private final NoticeLanes lanes;

    public CampaignActionHandler(RedisCampaignStore store, NoticeLanes lanes) {
        this.store = store;
        this.lanes = lanes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        String segment = ctx.pathParam("action") != null ? ctx.pathParam("action") : path.substring(path.lastIndexOf('/') + 1);
        CampaignAction action = CampaignAction.ofPath(segment)
                .orElseThrow(() -> ProblemException.of(404, "not_found", "no such campaign action: use start, pause, resume or cancel"));
        String id = ctx.pathParam("id");
        String client = AuthHandler.client(ctx).name();
        CompletionStage<JsonAnswer> answer = CampaignProblems.owned(store, id, client)
                .thenCompose(campaign -> store.transition(id, action))
                .thenCompose(t -> {
                    CampaignState from = t.from().orElseThrow(CampaignProblems::notFound);
                    if (!t.applied()) {
                        throw CampaignProblems.invalidTransition(from, action.to());
                    }
                    log.atInfo().setMessage("campaign " + action.to().name().toLowerCase())
                            .addKeyValue("event", "campaign.state").addKeyValue("requestId", RequestIds.of(ctx))
                            .addKeyValue("client", client).addKeyValue("campaignId", id)
                            .addKeyValue("from", from.name()).addKeyValue("to", action.to().name()).log();
                    JsonObject body = new JsonObject().put("campaignId", id).put("state", action.to().name())
                            .put("previousState", from.name());
                    if (action != CampaignAction.CANCEL) {
                        return CompletableFuture.completedFuture(JsonAnswer.of(200, body));
                    }
                    return dropAndCount(lanes, store, id).thenApply(dropped -> JsonAnswer.of(200, body.put("dropped", dropped)));
                });
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }

    /** Drops a cancelled campaign's lane and counts what it held as {@code cancelled}. */
    static CompletionStage<Long> dropAndCount(NoticeLanes lanes, RedisCampaignStore store, String id) {
        return lanes.dropCampaign(id).thenCompose(dropped -> dropped == 0
                ? CompletableFuture.completedFuture(0L)
                : store.count(id, "cancelled", dropped).thenApply(v -> dropped));
    }
}
