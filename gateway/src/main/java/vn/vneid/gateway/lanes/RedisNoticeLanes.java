package vn.vneid.gateway.lanes;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import vn.vneid.redis.LuaScript;

/**
 * {@link NoticeLanes} on Redis Streams. Each lane is a stream read by the consumer group {@value LaneKeys#GROUP};
 * an entry is deleted (XACK + XDEL) once its message is settled, so a stream's length is what still waits or
 * is in flight. Messages not yet due (a retry after a back-off, a notice scheduled for later) wait in the lane's
 * sorted set and are moved into the stream when due ({@link #moveDue}). The lanes of one-off notices
 * (transactional, and bulk) refuse new messages past {@code cap}; campaign lanes are filled by explicit uploads
 * and have none.
 */
public final class RedisNoticeLanes implements NoticeLanes {
    private static final LuaScript MOVE_DUE = LuaScript.fromResource(RedisNoticeLanes.class, "move_due.lua");
    private final RedisAsyncCommands<String, String> redis;
    private final long transactionalCap;
    private final Duration retryAfterWhenFull;
    private final Set<String> groupsMade = ConcurrentHashMap.newKeySet();

    public RedisNoticeLanes(RedisAsyncCommands<String, String> redis, long transactionalCap, Duration retryAfterWhenFull) {
        this.redis = redis;
        this.transactionalCap = transactionalCap;
        this.retryAfterWhenFull = retryAfterWhenFull;
    }

    @Override
    public CompletionStage<Void> enqueue(LaneMessage message) {
        String lane = LaneKeys.lane(message);
        if (message.campaignId().isPresent()) {
            return append(lane, List.of(message));
        }
        return redis.xlen(LaneKeys.stream(lane)).thenCompose(depth -> {
            if (depth >= transactionalCap) {
                throw new LaneFullException(lane, depth, retryAfterWhenFull);
            }
            return append(lane, List.of(message));
        });
    }

    /** Puts a message in its lane's waiting set until {@code due}: a retry after a back-off, or a scheduled notice. */
    public CompletionStage<Void> enqueueAt(LaneMessage message, Instant due) {
        String lane = LaneKeys.lane(message);
        return group(lane).thenCompose(v -> redis.zadd(LaneKeys.waiting(lane), (double) due.toEpochMilli(),
                LaneEntries.json(message))).thenApply(n -> null);
    }

    @Override
    public CompletionStage<Void> enqueueCampaign(String campaignId, List<LaneMessage> batch) {
        return append(LaneKeys.campaign(campaignId), batch);
    }

    @Override
    public CompletionStage<Long> dropCampaign(String campaignId) {
        String lane = LaneKeys.campaign(campaignId);
        return redis.xlen(LaneKeys.stream(lane)).thenCombine(redis.zcard(LaneKeys.waiting(lane)), Long::sum)
                .thenCompose(n -> redis.del(LaneKeys.stream(lane), LaneKeys.waiting(lane)).thenApply(d -> {
                    groupsMade.remove(lane);
                    return n;
                }));
    }

    @Override
    public CompletionStage<Long> depth(String lane) {
        return redis.xlen(LaneKeys.stream(lane)).thenCombine(redis.zcard(LaneKeys.waiting(lane)), Long::sum);
    }

    /** Moves up to {@code max} due messages of {@code lane} from its waiting set into its stream. */
    public CompletionStage<Long> moveDue(String lane, Instant now, int max) {
        return MOVE_DUE.eval(redis, ScriptOutputType.INTEGER,
                new String[] {LaneKeys.stream(lane), LaneKeys.waiting(lane)}, Long.toString(now.toEpochMilli()),
                Integer.toString(max));
    }

    /** Reads up to {@code count} new entries of {@code lane} for {@code consumer}. */
    public CompletionStage<List<LaneRead>> read(String lane, String consumer, int count) {
        String stream = LaneKeys.stream(lane);
        return withGroup(lane, () -> redis.xreadgroup(io.lettuce.core.Consumer.from(LaneKeys.GROUP, consumer),
                XReadArgs.Builder.count(count), XReadArgs.StreamOffset.lastConsumed(stream)))
                .thenApply(RedisNoticeLanes::reads);
    }

    /**
     * Runs a group command; when Redis lost the group (restarted without persistence, flushed, failed over to a
     * replica that had not seen it) the group is made again from the start of the stream and the command retried
     * once, so nothing written since is skipped.
     */
    private <T> CompletionStage<T> withGroup(String lane, java.util.function.Supplier<CompletionStage<T>> command) {
        return group(lane).thenCompose(v -> command.get()).handle((result, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            if (cause != null && String.valueOf(cause.getMessage()).startsWith("NOGROUP")) {
                groupsMade.remove(lane);
                return group(lane).thenCompose(v -> command.get());
            }
            return CompletableFuture.<T>failedFuture(cause == null ? e : cause);
        }).thenCompose(stage -> stage);
    }

    /**
     * Takes over entries another consumer read but never settled for longer than {@code minIdle} (its instance
     * died): they are processed again. At-least-once: the dead instance may have submitted some of them.
     */
    public CompletionStage<List<LaneRead>> reclaim(String lane, String consumer, Duration minIdle, int count) {
        String stream = LaneKeys.stream(lane);
        return withGroup(lane, () -> redis.xautoclaim(stream, io.lettuce.core.XAutoClaimArgs.Builder
                        .xautoclaim(io.lettuce.core.Consumer.from(LaneKeys.GROUP, consumer), minIdle, "0-0").count(count)))
                .thenApply(result -> reads(result.getMessages()));
    }

    /** Settles an entry: acknowledged and deleted. */
    public CompletionStage<Void> settle(LaneRead read) {
        String stream = LaneKeys.stream(read.lane());
        redis.xack(stream, LaneKeys.GROUP, read.entryId());
        return redis.xdel(stream, read.entryId()).thenApply(n -> null);
    }

    /** Writes a message that will not be sent to the dead-letter stream, with why. */
    public CompletionStage<Void> deadLetter(LaneMessage message, String reason) {
        var fields = LaneEntries.fields(message);
        fields.put("reason", reason);
        return redis.xadd(LaneKeys.DEAD, fields).thenApply(id -> null);
    }

    /** Age of the oldest entry of {@code lane}'s stream (its id is its append time), or zero. */
    public CompletionStage<Duration> oldestAge(String lane, Instant now) {
        return redis.xrange(LaneKeys.stream(lane), io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.create(0, 1))
                .thenApply(list -> list.isEmpty() ? Duration.ZERO : Duration.ofMillis(Math.max(0,
                        now.toEpochMilli() - Long.parseLong(list.get(0).getId().split("-")[0]))));
    }

    private CompletionStage<Void> append(String lane, List<LaneMessage> batch) {
        String stream = LaneKeys.stream(lane);
        return group(lane).thenCompose(v -> {
            List<CompletableFuture<String>> adds = new ArrayList<>(batch.size());
            for (LaneMessage m : batch) {
                adds.add(redis.xadd(stream, LaneEntries.fields(m)).toCompletableFuture());
            }
            return CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new));
        });
    }

    /** Creates the lane's stream and consumer group once (from the start of the stream, so nothing is skipped). */
    private CompletionStage<Void> group(String lane) {
        if (groupsMade.contains(lane)) {
            return CompletableFuture.completedFuture(null);
        }
        return redis.xgroupCreate(XReadArgs.StreamOffset.from(LaneKeys.stream(lane), "0-0"), LaneKeys.GROUP,
                        XGroupCreateArgs.Builder.mkstream())
                .handle((ok, e) -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    if (e == null || cause instanceof RedisBusyException
                            || (cause != null && String.valueOf(cause.getMessage()).startsWith("BUSYGROUP"))) {
                        groupsMade.add(lane);
                        return null;
                    }
                    throw new java.util.concurrent.CompletionException(cause);
                });
    }

    private static List<LaneRead> reads(List<io.lettuce.core.StreamMessage<String, String>> messages) {
        List<LaneRead> out = new ArrayList<>(messages.size());
        for (var m : messages) {
            String lane = m.getStream().substring("lane:{".length(), m.getStream().length() - 1);
            out.add(new LaneRead(lane, m.getId(), LaneEntries.message(m.getBody())));
        }
        return out;
    }

    /** An entry read from a lane: settle it (or retry or dead-letter it) when its message is done. */
    public record LaneRead(String lane, String entryId, LaneMessage message) {
    }
}
