package vn.vneid.gateway.notices.webhooks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.notices.queue.RedisWorkQueue;
import vn.vneid.gateway.notices.queue.RedisWorkQueue.Claimed;
import vn.vneid.gateway.notices.queue.RedisWorkQueue.Entry;

/**
 * The webhook queue in Redis, as seen by one consumer: the {@link RedisWorkQueue} on the keys of
 * {@link WebhookStreams}, whose entries carry one field, {@value WebhookStreams#JOB} (a {@link WebhookJob} as JSON).
 * Every operation answers a stage (nothing blocks; nothing uses {@code BLOCK}, so the shared connection is fine).
 */
final class RedisWebhookQueue {
    private final RedisWorkQueue queue;
    private final String consumer;

    /** {@code consumerName} names this instance in the group; the publisher, which only appends, passes any. */
    RedisWebhookQueue(RedisAsyncCommands<String, String> redis, String consumerName) {
        this.queue = new RedisWorkQueue(redis, new RedisWorkQueue.Keys(WebhookStreams.STREAM, WebhookStreams.RETRY,
                WebhookStreams.DEAD), WebhookStreams.GROUP);
        this.consumer = consumerName;
    }

    String consumerName() {
        return consumer;
    }

    /** Creates the stream and the group (from the first entry) unless they exist. */
    CompletionStage<Void> createGroup() {
        return queue.ensureGroup();
    }

    /** Up to {@code count} entries never delivered to the group. */
    CompletionStage<List<Entry>> read(int count) {
        return queue.read(consumer, count);
    }

    /** Takes over up to {@code count} entries pending longer than {@code idle}, from {@code cursor} ("0-0" first). */
    CompletionStage<Claimed> claimIdle(Duration idle, String cursor, int count) {
        return queue.reclaim(consumer, idle, cursor, count);
    }

    /** Moves up to {@code limit} retries due at {@code now} back to the stream; answers how many. */
    CompletionStage<Long> promoteDue(Instant now, int limit) {
        return queue.promoteDue(now, limit);
    }

    /** Appends a fresh job (the publisher's side). */
    CompletionStage<String> append(WebhookJob job) {
        return queue.append(Map.of(WebhookStreams.JOB, job.toJson()));
    }

    /** The entry is done with (delivered, or empty): acknowledged and deleted, in a batch with others. */
    CompletionStage<Void> done(String id) {
        return queue.done(id);
    }

    /** Replaces the entry by {@code next} in the retry set, due at {@code due}. */
    CompletionStage<Void> retryAt(String id, WebhookJob next, Instant due) {
        return queue.retryAt(id, Map.of(WebhookStreams.JOB, next.toJson()), due).thenApply(moved -> null);
    }

    /** Moves the entry to the dead letters with {@code reason}. */
    CompletionStage<Void> deadLetter(String id, String rawJob, String reason, Instant now) {
        return queue.deadLetter(Map.of(WebhookStreams.JOB, rawJob, "reason", reason, "failedAt", now.toString()))
                .thenCompose(v -> queue.done(id));
    }

    static String rootMessage(Throwable e) {
        return RedisWorkQueue.rootMessage(e);
    }
}
