package vn.vneid.gateway.api.campaigns;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.gateway.notices.campaigns.CampaignEta;
import vn.vneid.gateway.notices.campaigns.CampaignProblems;
import vn.vneid.gateway.notices.campaigns.CampaignState;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;

/**
 * {@code GET /v1/campaigns/{id}}: the campaign's state, settings and totals, its pace ({@code ratePerSecond},
 * submissions over the last minute) and, while it runs, an {@code eta} at that pace with quiet hours skipped
 * (null when the pace is 0, e.g. during quiet hours, outside the window or before the first submission);
 * {@code quietUntil} when it is quiet now.
 */
public final class GetCampaignHandler implements Handler<RoutingContext> {
    private final RedisCampaignStore store;
    private final Clock clock;

    public GetCampaignHandler(RedisCampaignStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String client = AuthHandler.client(ctx).name();
        CompletionStage<JsonAnswer> answer = CampaignProblems.owned(store, ctx.pathParam("id"), client)
                .thenCompose(this::view);
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }

    private CompletionStage<JsonAnswer> view(Campaign c) {
        CompletionStage<Double> rate = c.state() == CampaignState.RUNNING
                ? store.runningSince(c.id()).thenCompose(since -> store.submittedPerSecond(c.id(), since))
                : CompletableFuture.completedFuture(0.0);
        return rate.thenApply(perSecond -> {
            Instant now = clock.instant();
            JsonObject body = new JsonObject().put("campaignId", c.id()).put("state", c.state().name())
                    .mergeIn(c.settingsJson())
                    .put("totals", c.totals().toJson())
                    .put("ratePerSecond", Math.round(perSecond * 100) / 100.0);
            Optional<Instant> eta = c.state() == CampaignState.RUNNING
                    ? CampaignEta.of(c.totals().pending(), perSecond, c.quietHours(), now)
                    : Optional.empty();
            body.put("eta", eta.map(Instant::toString).orElse(null));
            if (c.quietHours().isQuiet(now)) {
                body.put("quietUntil", c.quietHours().nextAllowed(now).toString());
            }
            return JsonAnswer.of(200, body);
        });
    }
}
