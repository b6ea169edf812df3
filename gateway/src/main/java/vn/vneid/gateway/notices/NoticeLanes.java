package vn.vneid.gateway.notices;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The durable lanes (Redis Streams with a consumer group): one transactional lane, and one bulk lane per
 * campaign (one-off bulk notices use the campaign id {@value #ADHOC}). A message written here is not lost:
 * it is acknowledged only once the SMSC accepted it or it failed for good, retried with back-off after a
 * temporary failure, moved to the dead-letter stream after too many tries, and reclaimed by another instance
 * if the one holding it dies. {@link #enqueue} refuses with {@link LaneFullException} when the lane's
 * backlog is at its cap, so callers answer 503 with Retry-After instead of queueing without bound.
 */
public interface NoticeLanes {
    String ADHOC = "adhoc";

    /** Appends one transactional or one-off bulk message. */
    CompletionStage<Void> enqueue(LaneMessage message);

    /**
     * Appends a batch of one campaign's recipients in one pipelined round trip; they wait until the campaign
     * is running (see {@link CampaignRegistry}). Not subject to the transactional cap.
     */
    CompletionStage<Void> enqueueCampaign(String campaignId, List<LaneMessage> batch);

    /** Removes a cancelled campaign's lane: its unsent recipients are dropped (and counted by the caller). */
    CompletionStage<Long> dropCampaign(String campaignId);

    /** Messages waiting in a lane (stream length), e.g. for progress and metrics. */
    CompletionStage<Long> depth(String lane);
}
