package vn.vneid.gateway.notices.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The webhook metric names, in one place (a contract with dashboards and alerts), and their counters,
 * registered up front:
 * <ul>
 *   <li>{@code webhook_deliveries_total{result}}: POSTs that ended {@code delivered} (2xx), were scheduled for a
 *       {@code retry}, or {@code failed} for good (moved to the dead-letter stream);</li>
 *   <li>{@code webhook_dropped_total{reason}}: events never queued, because the callback URL is not allowed
 *       ({@code url_not_allowed}) or Redis refused the append ({@code enqueue_failed}).</li>
 * </ul>
 * Labels never carry a URL, a client's secret or a phone number.
 */
public final class WebhookMetrics {
    /** Micrometer name of {@code webhook_deliveries_total}. */
    public static final String DELIVERIES = "webhook.deliveries";
    /** Micrometer name of {@code webhook_dropped_total}. */
    public static final String DROPPED = "webhook.dropped";
    public static final String RESULT_DELIVERED = "delivered";
    public static final String RESULT_RETRY = "retry";
    public static final String RESULT_FAILED = "failed";
    public static final String DROPPED_URL_NOT_ALLOWED = "url_not_allowed";
    public static final String DROPPED_ENQUEUE_FAILED = "enqueue_failed";

    private final Counter delivered;
    private final Counter retry;
    private final Counter failed;
    private final Counter urlNotAllowed;
    private final Counter enqueueFailed;

    public WebhookMetrics(MeterRegistry registry) {
        delivered = delivery(registry, RESULT_DELIVERED);
        retry = delivery(registry, RESULT_RETRY);
        failed = delivery(registry, RESULT_FAILED);
        urlNotAllowed = dropped(registry, DROPPED_URL_NOT_ALLOWED);
        enqueueFailed = dropped(registry, DROPPED_ENQUEUE_FAILED);
    }

    void delivered() {
        delivered.increment();
    }

    void retry() {
        retry.increment();
    }

    void failed() {
        failed.increment();
    }

    void urlNotAllowed() {
        urlNotAllowed.increment();
    }

    void enqueueFailed() {
        enqueueFailed.increment();
    }

    private static Counter delivery(MeterRegistry registry, String result) {
        return Counter.builder(DELIVERIES).description("Webhook POSTs by outcome").tag("result", result)
                .register(registry);
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder(DROPPED).description("Status events whose webhook was never queued")
                .tag("reason", reason).register(registry);
    }
}
