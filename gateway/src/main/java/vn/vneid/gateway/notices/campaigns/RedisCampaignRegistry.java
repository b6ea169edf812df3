package vn.vneid.gateway.notices.campaigns;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import vn.vneid.gateway.notices.CampaignRegistry;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.gateway.notices.QuietHours;

/**
 * The campaigns as the dispatcher sees them: {@link #running()} lists the campaigns in state RUNNING whose
 * window (if any) contains the clock's now; {@link #count} adds to their counters; {@link #completeIfDone}
 * closes a campaign once every queued recipient is settled and its lane is empty.
 */
public final class RedisCampaignRegistry implements CampaignRegistry {
    private static final String[] FIELDS = {"state", "maxRate", "quietStart", "quietEnd", "quietZone",
            "windowStart", "windowEnd"};
    private final RedisAsyncCommands<String, String> redis;
    private final RedisCampaignStore store;
    private final NoticeLanes lanes;
    private final Clock clock;

    public RedisCampaignRegistry(RedisCampaignStore store, NoticeLanes lanes, Clock clock) {
        this.redis = store.redis();
        this.store = store;
        this.lanes = lanes;
        this.clock = clock;
    }

    @Override
    public CompletionStage<List<ActiveCampaign>> running() {
        return store.runningIds().thenCompose(ids -> {
            List<String> sorted = ids.stream().sorted().toList();
            List<CompletableFuture<List<KeyValue<String, String>>>> reads = new ArrayList<>();
            for (String id : sorted) {
                reads.add(redis.hmget(RedisCampaignStore.key(id), FIELDS).toCompletableFuture());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
                Instant now = clock.instant();
                List<ActiveCampaign> active = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++) {
                    active(sorted.get(i), reads.get(i).join(), now).ifPresent(active::add);
                }
                return active;
            });
        });
    }

    @Override
    public CompletionStage<Void> count(String campaignId, String state, long delta) {
        return store.count(campaignId, state, delta);
    }

    /**
     * Marks the campaign COMPLETED when it is RUNNING, submitted + failed + expired + opted_out + cancelled reach
     * {@code queued} (a crash may count a recipient twice, never not at all), and its lane {@code bulk:<id>} is empty; answers whether it did. Safe to call after
     * every count, from any instance: the final check and the change are one script.
     */
    public CompletionStage<Boolean> completeIfDone(String campaignId) {
        return store.find(campaignId).thenCompose(found -> {
            if (found.isEmpty() || found.get().state() != CampaignState.RUNNING
                    || found.get().totals().queued() > found.get().totals().settled()) {
                return CompletableFuture.completedFuture(false);
            }
            return lanes.depth(Campaign.lane(campaignId)).thenCompose(depth -> depth != 0
                    ? CompletableFuture.completedFuture(false)
                    : store.completeIfSettled(campaignId));
        });
    }

    private static Optional<ActiveCampaign> active(String id, List<KeyValue<String, String>> values, Instant now) {
        Map<String, String> h = values.stream().filter(KeyValue::hasValue)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
        if (!CampaignState.RUNNING.name().equals(h.get("state"))) {
            return Optional.empty();
        }
        if (h.containsKey("windowStart")
                && !new CampaignWindow(Instant.parse(h.get("windowStart")), Instant.parse(h.get("windowEnd"))).contains(now)) {
            return Optional.empty();
        }
        QuietHours quiet = new QuietHours(LocalTime.parse(h.get("quietStart")), LocalTime.parse(h.get("quietEnd")),
                ZoneId.of(h.get("quietZone")));
        return Optional.of(new ActiveCampaign(id, Double.parseDouble(h.get("maxRate")), quiet));
    }
}
