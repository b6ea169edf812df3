package vn.vneid.gateway.notices.queue;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import vn.vneid.redis.LuaScript;

/**
 * A durable work queue on Redis Streams: the one mechanism under the notice lanes and the webhooks. Entries (field
 * maps) are appended to a stream and read by the consumers of one consumer group; an entry stays pending until it
 * is settled ({@link #done}: acknowledged and deleted, so the stream's length is what still waits or is in flight),
 * put back for a later try ({@link #retryAt}: into the waiting sorted set, moved back by {@link #promoteDue}), or
 * moved to the dead letters ({@link #deadLetter}). Entries a dead consumer read and never settled are taken over
 * ({@link #reclaim}); delivery is therefore at least once. When Redis lost the group (restarted without
 * persistence, flushed, failed over to a replica that had not seen it) it is made again from the start of the
 * stream and the command retried once, so nothing still in the stream is skipped.
 *
 * <p>The stream and its waiting set share a hash tag (see {@link Keys}), so the scripts that move between them
 * also run on Redis Cluster; the dead-letter stream may live elsewhere (it is written by a command of its own,
 * before the entry is settled). Settling is
 * batched ({@link GroupCommit}): entries settled while a batch is on its way go together in one script. Nothing
 * here blocks or uses {@code BLOCK}, so a shared connection is fine. Thread-safe.
 */
public final class RedisWorkQueue {
    private static final LuaScript PROMOTE = LuaScript.fromResource(RedisWorkQueue.class, "promote_due.lua");
    private static final LuaScript DONE = LuaScript.fromResource(RedisWorkQueue.class, "done.lua");
    private static final LuaScript RETRY_LATER = LuaScript.fromResource(RedisWorkQueue.class, "retry_later.lua");
    private static final LuaScript APPEND_CAPPED = LuaScript.fromResource(RedisWorkQueue.class, "append_capped.lua");
    /** Entries settled in one script at most (Lua's stack bounds the arguments of one call). */
    static final int MAX_SETTLE_BATCH = 1000;
    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final String group;
    private final GroupCommit<String, Void> settle;
    private volatile boolean groupMade;

    public RedisWorkQueue(RedisAsyncCommands<String, String> redis, Keys keys, String group) {
        this.redis = redis;
        this.keys = keys;
        this.group = group;
        this.settle = new GroupCommit<>(MAX_SETTLE_BATCH, this::settleAll);
    }

    public Keys keys() {
        return keys;
    }

    /** Appends one entry; answers its id. */
    public CompletionStage<String> append(Map<String, String> fields) {
        return redis.xadd(keys.stream(), fields);
    }

    /** Appends a batch, pipelined (sent back to back, one round trip). */
    public CompletionStage<Void> appendAll(List<Map<String, String>> batch) {
        List<CompletableFuture<String>> adds = new ArrayList<>(batch.size());
        for (Map<String, String> fields : batch) {
            adds.add(redis.xadd(keys.stream(), fields).toCompletableFuture());
        }
        return CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new));
    }

    /**
     * Appends one entry unless the stream already holds {@code cap} entries (one script); answers the stream's
     * length when it refused, or -1 when it appended.
     */
    public CompletionStage<Long> appendBelow(long cap, Map<String, String> fields) {
        String[] args = new String[1 + 2 * fields.size()];
        args[0] = Long.toString(cap);
        int i = 1;
        for (var f : fields.entrySet()) {
            args[i++] = f.getKey();
            args[i++] = f.getValue();
        }
        return APPEND_CAPPED.<List<Object>>eval(redis, ScriptOutputType.MULTI, new String[] {keys.stream()}, args)
                .thenApply(r -> ((Number) r.get(0)).longValue() == 1 ? -1L : ((Number) r.get(1)).longValue());
    }

    /** Puts an entry in the waiting set until {@code due} (a scheduled entry); {@link #promoteDue} moves it in. */
    public CompletionStage<Void> appendAt(Map<String, String> fields, Instant due) {
        return redis.zadd(keys.waiting(), (double) due.toEpochMilli(), json(fields)).thenApply(n -> null);
    }

    /** Up to {@code count} entries never delivered to the group, now pending for {@code consumer}. */
    public CompletionStage<List<Entry>> read(String consumer, int count) {
        return withGroup(() -> redis.xreadgroup(Consumer.from(group, consumer), XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.lastConsumed(keys.stream()))).thenApply(RedisWorkQueue::entries);
    }

    /**
     * Takes over for {@code consumer} up to {@code count} entries pending longer than {@code minIdle}, scanning from
     * {@code cursor} ("0-0" first); the answer names where to go on ("0-0" once the whole list was scanned).
     */
    public CompletionStage<Claimed> reclaim(String consumer, Duration minIdle, String cursor, int count) {
        return withGroup(() -> redis.xautoclaim(keys.stream(), new XAutoClaimArgs<String>()
                        .consumer(Consumer.from(group, consumer)).minIdleTime(minIdle).startId(cursor).count(count)))
                .thenApply(c -> new Claimed(entries(c.getMessages()), c.getId() == null ? "0-0" : c.getId()));
    }

    /** Moves up to {@code limit} entries due at {@code now} from the waiting set into the stream; answers how many. */
    public CompletionStage<Long> promoteDue(Instant now, int limit) {
        return PROMOTE.eval(redis, ScriptOutputType.INTEGER, new String[] {keys.stream(), keys.waiting()},
                Long.toString(now.toEpochMilli()), Integer.toString(limit));
    }

    /** Settles an entry (acknowledged and deleted), in a batch with the others settled meanwhile. */
    public CompletionStage<Void> done(String entryId) {
        return settle.submit(entryId);
    }

    /**
     * Replaces a pending entry by {@code next} in the waiting set, due at {@code due}, atomically; false when the
     * entry was no longer pending (another consumer took it over and settled it).
     */
    public CompletionStage<Boolean> retryAt(String entryId, Map<String, String> next, Instant due) {
        return RETRY_LATER.<Long>eval(redis, ScriptOutputType.INTEGER, new String[] {keys.stream(), keys.waiting()},
                group, entryId, Long.toString(due.toEpochMilli()), json(next)).thenApply(n -> n == 1L);
    }

    /**
     * Writes {@code fields} (an entry and why it failed) to the dead letters; the caller settles the entry after
     * (a crash in between leaves a duplicate dead letter, never a lost one).
     */
    public CompletionStage<Void> deadLetter(Map<String, String> fields) {
        return redis.xadd(keys.dead(), fields).thenApply(id -> null);
    }

    /** Entries waiting or in flight: the stream's length and the waiting set's size. */
    public CompletionStage<Long> depth() {
        return redis.xlen(keys.stream()).thenCombine(redis.zcard(keys.waiting()), Long::sum);
    }

    /** Deletes the stream, its group and its waiting set; answers how many entries they held. */
    public CompletionStage<Long> drop() {
        return depth().thenCompose(n -> redis.del(keys.stream(), keys.waiting()).thenApply(d -> {
            groupMade = false;
            return n;
        }));
    }

    /** Age of the oldest entry in the stream (its id is its append time), or zero. */
    public CompletionStage<Duration> oldestAge(Instant now) {
        return redis.xrange(keys.stream(), Range.create("-", "+"), Limit.create(0, 1))
                .thenApply(list -> list.isEmpty() ? Duration.ZERO : Duration.ofMillis(Math.max(0,
                        now.toEpochMilli() - Long.parseLong(list.get(0).getId().split("-")[0]))));
    }

    /** Creates the stream and the group, from the start of the stream, unless they exist. */
    public CompletionStage<Void> ensureGroup() {
        if (groupMade) {
            return CompletableFuture.completedFuture(null);
        }
        return redis.xgroupCreate(XReadArgs.StreamOffset.from(keys.stream(), "0-0"), group,
                        XGroupCreateArgs.Builder.mkstream())
                .handle((ok, e) -> {
                    if (e == null || String.valueOf(rootMessage(e)).startsWith("BUSYGROUP")) {
                        groupMade = true;
                        return null;
                    }
                    throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                });
    }

    private List<CompletionStage<Void>> settleAll(List<String> ids) {
        String[] args = new String[ids.size() + 1];
        args[0] = group;
        for (int i = 0; i < ids.size(); i++) {
            args[i + 1] = ids.get(i);
        }
        CompletionStage<Void> settled = DONE.<Long>eval(redis, ScriptOutputType.INTEGER, new String[] {keys.stream()}, args)
                .thenApply(n -> null);
        return Collections.nCopies(ids.size(), settled);
    }

    /** Runs a group command; on NOGROUP, makes the group again (from the start) and runs it once more. */
    private <T> CompletionStage<T> withGroup(Supplier<CompletionStage<T>> command) {
        return ensureGroup().thenCompose(v -> command.get()).handle((result, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (String.valueOf(rootMessage(e)).startsWith("NOGROUP")) {
                groupMade = false;
                return ensureGroup().thenCompose(v -> command.get());
            }
            return CompletableFuture.<T>failedFuture(e instanceof CompletionException && e.getCause() != null
                    ? e.getCause() : e);
        }).thenCompose(stage -> stage);
    }

    private static List<Entry> entries(List<StreamMessage<String, String>> messages) {
        List<Entry> out = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> m : messages) {
            out.add(new Entry(m.getId(), m.getBody() == null ? Map.of() : m.getBody()));
        }
        return out;
    }

    private static String json(Map<String, String> fields) {
        return new JsonObject(new LinkedHashMap<>(fields)).encode();
    }

    /** The message of the innermost cause (Lettuce wraps Redis errors in completion exceptions). */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof CompletionException || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /**
     * The keys of one queue: its stream, its waiting set (same hash tag as the stream) and its dead-letter stream.
     */
    public record Keys(String stream, String waiting, String dead) {
    }

    /** An entry read or taken over: settle it, retry it or dead-letter it when done. */
    public record Entry(String id, Map<String, String> fields) {
    }

    /** What a reclaim took over, and the cursor to go on from ("0-0": the pending list was scanned to its end). */
    public record Claimed(List<Entry> entries, String next) {
    }
}
