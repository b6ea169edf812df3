package vn.vneid.gateway.notices.webhooks;

import io.lettuce.core.Consumer;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The webhook queue in Redis, as seen by one consumer: every operation is one command or one atomic script on
 * the keys of {@link WebhookStreams}, and answers a stage (nothing blocks; nothing uses {@code BLOCK}, so the
 * shared connection is fine).
 */
final class RedisWebhookQueue {
    private final RedisAsyncCommands<String, String> redis;
    private final Consumer<String> consumer;

    /** {@code consumerName} names this instance in the group; the publisher, which only appends, passes any. */
    RedisWebhookQueue(RedisAsyncCommands<String, String> redis, String consumerName) {
        this.redis = redis;
        this.consumer = Consumer.from(WebhookStreams.GROUP, consumerName);
    }

    String consumerName() {
        return consumer.getName();
    }

    /** Creates the stream and the group (from the first entry) unless they exist. */
    CompletionStage<Void> createGroup() {
        return redis.xgroupCreate(XReadArgs.StreamOffset.from(WebhookStreams.STREAM, "0"), WebhookStreams.GROUP,
                        XGroupCreateArgs.Builder.mkstream(true))
                .<Void>thenApply(ok -> null)
                .exceptionallyCompose(e -> String.valueOf(rootMessage(e)).startsWith("BUSYGROUP")
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(e));
    }

    /** Up to {@code count} entries never delivered to the group. */
    CompletionStage<List<StreamMessage<String, String>>> read(int count) {
        return redis.xreadgroup(consumer, XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.lastConsumed(WebhookStreams.STREAM));
    }

    /** Takes over up to {@code count} entries pending longer than {@code idle}, from {@code cursor} ("0-0" first). */
    CompletionStage<ClaimedMessages<String, String>> claimIdle(Duration idle, String cursor, int count) {
        return redis.xautoclaim(WebhookStreams.STREAM, new XAutoClaimArgs<String>().consumer(consumer)
                .minIdleTime(idle).startId(cursor).count(count));
    }

    /** Moves up to {@code limit} retries due at {@code now} back to the stream; answers how many. */
    CompletionStage<Long> promoteDue(Instant now, int limit) {
        return WebhookStreams.PROMOTE.eval(redis, ScriptOutputType.INTEGER,
                new String[] {WebhookStreams.RETRY, WebhookStreams.STREAM},
                Long.toString(now.toEpochMilli()), Integer.toString(limit));
    }

    /** Appends a fresh job (the publisher's side). */
    CompletionStage<String> append(WebhookJob job) {
        return redis.xadd(WebhookStreams.STREAM, Map.of(WebhookStreams.JOB, job.toJson()));
    }

    /** The entry is done with (delivered, or empty): acknowledged and deleted. */
    CompletionStage<Object> done(String id) {
        return WebhookStreams.DONE.eval(redis, ScriptOutputType.INTEGER, new String[] {WebhookStreams.STREAM},
                WebhookStreams.GROUP, id);
    }

    /** Replaces the entry by {@code next} in the retry set, due at {@code due}. */
    CompletionStage<Object> retryAt(String id, WebhookJob next, Instant due) {
        return WebhookStreams.RETRY_LATER.eval(redis, ScriptOutputType.INTEGER,
                new String[] {WebhookStreams.STREAM, WebhookStreams.RETRY}, WebhookStreams.GROUP, id,
                Long.toString(due.toEpochMilli()), next.toJson());
    }

    /** Moves the entry to the dead letters with {@code reason}. */
    CompletionStage<Object> deadLetter(String id, String rawJob, String reason, Instant now) {
        return WebhookStreams.GIVE_UP.eval(redis, ScriptOutputType.INTEGER,
                new String[] {WebhookStreams.STREAM, WebhookStreams.DEAD}, WebhookStreams.GROUP, id, rawJob, reason,
                now.toString());
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof CompletionException
                || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
