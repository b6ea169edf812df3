package vn.vneid.gateway.notices.webhooks;

/**
 * The Redis keys of webhook delivery, a {@link vn.vneid.gateway.notices.queue.RedisWorkQueue}. All keys share the
 * hash tag {@code {q}}, so its scripts also run on Redis Cluster.
 * <ul>
 *   <li>{@link #STREAM}: jobs waiting for a POST, read by the consumer group {@link #GROUP}; each entry has one
 *       field {@code job} (a {@link WebhookJob} as JSON);</li>
 *   <li>{@link #RETRY}: a sorted set of jobs due again, scored by the epoch millisecond when they are due; each
 *       member is the entry's fields as a JSON object, {@code {"job": ...}};</li>
 *   <li>{@link #DEAD}: the dead-letter stream: fields {@code job}, {@code reason}, {@code failedAt}.</li>
 * </ul>
 */
final class WebhookStreams {
    static final String STREAM = "webhooks:{q}";
    static final String RETRY = STREAM + ":retry";
    static final String DEAD = STREAM + ":dead";
    static final String GROUP = "webhook-dispatchers";
    static final String JOB = "job";

    private WebhookStreams() {
    }
}
