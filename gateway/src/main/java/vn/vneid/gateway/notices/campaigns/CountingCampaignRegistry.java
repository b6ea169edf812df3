package vn.vneid.gateway.notices.campaigns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import vn.vneid.gateway.notices.CampaignRegistry;

/**
 * A {@link CampaignRegistry} that also counts what happens to campaign recipients in
 * {@code campaign_recipients_total{state}} (submitted, delivered, undelivered, failed, expired, opted_out): the
 * operators' view across campaigns. Per-campaign totals stay in Redis ({@code GET /v1/campaigns/{id}}).
 */
public final class CountingCampaignRegistry implements CampaignRegistry {
    public static final String RECIPIENTS = "campaign.recipients";
    private final CampaignRegistry delegate;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public CountingCampaignRegistry(CampaignRegistry delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        for (String state : List.of("submitted", "delivered", "undelivered", "failed", "expired", "opted_out")) {
            counter(state);
        }
    }

    @Override
    public CompletionStage<List<ActiveCampaign>> running() {
        return delegate.running();
    }

    @Override
    public CompletionStage<Void> count(String campaignId, String state, long delta) {
        counter(state).increment(delta);
        return delegate.count(campaignId, state, delta);
    }

    @Override
    public CompletionStage<Boolean> completeIfDone(String campaignId) {
        return delegate.completeIfDone(campaignId);
    }

    private Counter counter(String state) {
        return counters.computeIfAbsent(state, s -> Counter.builder(RECIPIENTS)
                .description("Campaign recipients by what happened to them").tag("state", s).register(registry));
    }
}
