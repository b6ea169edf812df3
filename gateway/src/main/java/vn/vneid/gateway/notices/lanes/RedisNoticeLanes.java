package vn.vneid.gateway.notices.lanes;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import vn.vneid.gateway.notices.LaneFullException;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.gateway.notices.queue.RedisWorkQueue;

/**
 * {@link NoticeLanes} on Redis Streams: each lane is a {@link RedisWorkQueue} read by the consumer group
 * {@value LaneKeys#GROUP}; an entry is settled (acknowledged and deleted) once its message is, so a stream's length
 * is what still waits or is in flight. Messages not yet due (a retry after a back-off, a notice scheduled for later)
 * wait in the lane's sorted set and are moved into the stream when due ({@link #moveDue}). The lanes of one-off
 * notices (transactional, and bulk) refuse new messages past {@code cap}, checked and appended in one script;
 * campaign lanes are filled by explicit uploads and have none.
 */
public final class RedisNoticeLanes implements NoticeLanes {
    private final RedisAsyncCommands<String, String> redis;
    private final long transactionalCap;
    private final Duration retryAfterWhenFull;
    private final Map<String, RedisWorkQueue> queues = new ConcurrentHashMap<>();

    public RedisNoticeLanes(RedisAsyncCommands<String, String> redis, long transactionalCap, Duration retryAfterWhenFull) {
        this.redis = redis;
        this.transactionalCap = transactionalCap;
        this.retryAfterWhenFull = retryAfterWhenFull;
    }

    @Override
    public CompletionStage<Void> enqueue(LaneMessage message) {
        String lane = LaneKeys.lane(message);
        if (message.campaignId().isPresent()) {
            return queue(lane).append(LaneEntries.fields(message)).thenApply(id -> null);
        }
        return queue(lane).appendBelow(transactionalCap, LaneEntries.fields(message)).thenApply(refusedAt -> {
            if (refusedAt >= 0) {
                throw new LaneFullException(lane, refusedAt, retryAfterWhenFull);
            }
            return null;
        });
    }

    /** Puts a message in its lane's waiting set until {@code due}: a scheduled notice. */
    public CompletionStage<Void> enqueueAt(LaneMessage message, Instant due) {
        return queue(LaneKeys.lane(message)).appendAt(LaneEntries.fields(message), due);
    }

    @Override
    public CompletionStage<Void> enqueueCampaign(String campaignId, List<LaneMessage> batch) {
        List<Map<String, String>> entries = new ArrayList<>(batch.size());
        batch.forEach(m -> entries.add(LaneEntries.fields(m)));
        return queue(LaneKeys.campaign(campaignId)).appendAll(entries);
    }

    @Override
    public CompletionStage<Long> dropCampaign(String campaignId) {
        String lane = LaneKeys.campaign(campaignId);
        return queue(lane).drop().whenComplete((n, e) -> queues.remove(lane));
    }

    @Override
    public CompletionStage<Long> depth(String lane) {
        return queue(lane).depth();
    }

    /** Moves up to {@code max} due messages of {@code lane} from its waiting set into its stream. */
    public CompletionStage<Long> moveDue(String lane, Instant now, int max) {
        return queue(lane).promoteDue(now, max);
    }

    /** Reads up to {@code count} new entries of {@code lane} for {@code consumer}. */
    public CompletionStage<List<LaneRead>> read(String lane, String consumer, int count) {
        return queue(lane).read(consumer, count).thenApply(entries -> reads(lane, entries));
    }

    /**
     * Takes over entries another consumer read but never settled for longer than {@code minIdle} (its instance
     * died): they are processed again. At-least-once: the dead instance may have submitted some of them.
     */
    public CompletionStage<List<LaneRead>> reclaim(String lane, String consumer, Duration minIdle, int count) {
        return queue(lane).reclaim(consumer, minIdle, "0-0", count).thenApply(c -> reads(lane, c.entries()));
    }

    /** Settles an entry: acknowledged and deleted (in a batch with the others settled meanwhile). */
    public CompletionStage<Void> settle(LaneRead read) {
        return queue(read.lane()).done(read.entryId());
    }

    /** Replaces an entry by its next try, due at {@code due}, in one script. */
    public CompletionStage<Void> retry(LaneRead read, LaneMessage next, Instant due) {
        return queue(read.lane()).retryAt(read.entryId(), LaneEntries.fields(next), due).thenApply(moved -> null);
    }

    /** Writes a message that will not be sent to the dead-letter stream, with why; its entry is settled after. */
    public CompletionStage<Void> deadLetter(LaneRead read, String reason) {
        var fields = LaneEntries.fields(read.message());
        fields.put("reason", reason);
        return queue(read.lane()).deadLetter(fields);
    }

    /** Age of the oldest entry of {@code lane}'s stream (its id is its append time), or zero. */
    public CompletionStage<Duration> oldestAge(String lane, Instant now) {
        return queue(lane).oldestAge(now);
    }

    private RedisWorkQueue queue(String lane) {
        return queues.computeIfAbsent(lane, l -> new RedisWorkQueue(redis,
                new RedisWorkQueue.Keys(LaneKeys.stream(l), LaneKeys.waiting(l), LaneKeys.DEAD), LaneKeys.GROUP));
    }

    private static List<LaneRead> reads(String lane, List<RedisWorkQueue.Entry> entries) {
        List<LaneRead> out = new ArrayList<>(entries.size());
        for (RedisWorkQueue.Entry e : entries) {
            out.add(new LaneRead(lane, e.id(), LaneEntries.message(e.fields())));
        }
        return out;
    }

    /** An entry read from a lane: settle it (or retry or dead-letter it) when its message is done. */
    public record LaneRead(String lane, String entryId, LaneMessage message) {
    }
}
