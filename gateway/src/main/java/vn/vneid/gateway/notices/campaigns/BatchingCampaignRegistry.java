package vn.vneid.gateway.notices.campaigns;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import vn.vneid.gateway.notices.CampaignRegistry;
import vn.vneid.gateway.notices.queue.GroupCommit;

/**
 * A {@link CampaignRegistry} that batches the per-recipient calls of the dispatcher and the receipt recorder. Counts
 * of one campaign and state made while one is on its way are written together by the next (one increment of N
 * instead of N increments of one); completion checks asked for while one is on its way are answered by the next
 * check (it runs after their recipients were settled, so it sees them). Each caller's stage still completes only
 * once its own count is written: "count first, then status, then settle" holds per recipient. The batches of a
 * campaign are forgotten when {@link #running} no longer lists it, so memory follows the running campaigns.
 */
public final class BatchingCampaignRegistry implements CampaignRegistry {
    private static final int MAX_BATCH = 10_000;
    private final CampaignRegistry delegate;
    private final Map<Key, GroupCommit<Long, Void>> counts = new ConcurrentHashMap<>();
    private final Map<String, GroupCommit<Boolean, Boolean>> checks = new ConcurrentHashMap<>();

    public BatchingCampaignRegistry(CampaignRegistry delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletionStage<List<ActiveCampaign>> running() {
        return delegate.running().thenApply(list -> {
            Set<String> ids = list.stream().map(ActiveCampaign::id).collect(Collectors.toSet());
            counts.keySet().removeIf(k -> !ids.contains(k.campaignId()));
            checks.keySet().removeIf(id -> !ids.contains(id));
            return list;
        });
    }

    @Override
    public CompletionStage<Void> count(String campaignId, String state, long delta) {
        return counts.computeIfAbsent(new Key(campaignId, state), k -> new GroupCommit<>(MAX_BATCH, deltas -> {
            long sum = deltas.stream().mapToLong(Long::longValue).sum();
            return Collections.nCopies(deltas.size(), delegate.count(campaignId, state, sum));
        })).submit(delta);
    }

    @Override
    public CompletionStage<Boolean> completeIfDone(String campaignId) {
        return checks.computeIfAbsent(campaignId, id -> new GroupCommit<>(MAX_BATCH, asks ->
                Collections.nCopies(asks.size(), delegate.completeIfDone(id)))).submit(Boolean.TRUE);
    }

    private record Key(String campaignId, String state) {
    }
}
