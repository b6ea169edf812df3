package vn.vneid.smpp.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import vn.vneid.smpp.SmppMetricNames;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.encoding.SmsEncoder;
import vn.vneid.smpp.receipt.ReceiptState;

/** The meters of one carrier (names in {@link SmppMetricNames}). */
final class CarrierMetrics {
    static final String RESEND_TIMEOUT = "timeout";
    static final String RESEND_CONNECTION_LOST = "connection_lost";

    final AtomicInteger sessionsBound = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    private final Map<SubmitResult.Status, Counter> submitted = new EnumMap<>(SubmitResult.Status.class);
    private final Map<ReceiptState, Counter> receipts = new EnumMap<>(ReceiptState.class);
    private final Counter unparseableReceipts;
    private final Counter deferredReceipts;
    private final Counter gsmSegments;
    private final Counter ucsSegments;
    private final Counter throttled;
    private final Timer latency;
    private final Counter resentAfterTimeout;
    private final Counter resentAfterConnectionLost;

    CarrierMetrics(String carrier, MeterRegistry registry, AdaptiveRate rate) {
        for (SubmitResult.Status status : SubmitResult.Status.values()) {
            submitted.put(status, Counter.builder(SmppMetricNames.SUBMITTED)
                    .description("Messages answered, by result")
                    .tags(SmppMetricNames.TAG_CARRIER, carrier,
                            SmppMetricNames.TAG_RESULT, status.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        for (ReceiptState state : ReceiptState.values()) {
            receipts.put(state, receiptCounter(registry, carrier, state.name().toLowerCase(Locale.ROOT)));
        }
        unparseableReceipts = receiptCounter(registry, carrier, "unparseable");
        deferredReceipts = Counter.builder(SmppMetricNames.RECEIPTS_DEFERRED)
                .description("Receipts answered with a temporary error because they could not be recorded (redelivered)")
                .tag(SmppMetricNames.TAG_CARRIER, carrier).register(registry);
        gsmSegments = segmentCounter(registry, carrier, SmsEncoder.GSM7);
        ucsSegments = segmentCounter(registry, carrier, SmsEncoder.UCS2);
        throttled = Counter.builder(SmppMetricNames.THROTTLED)
                .description("Throttling answers (ESME_RTHROTTLED, ESME_RMSGQFUL)")
                .tag(SmppMetricNames.TAG_CARRIER, carrier).register(registry);
        latency = Timer.builder(SmppMetricNames.SUBMIT_LATENCY)
                .description("From dequeue to the last segment's submit_sm_resp")
                .tag(SmppMetricNames.TAG_CARRIER, carrier)
                .serviceLevelObjectives(SmppMetricNames.LATENCY_BUCKETS)
                .register(registry);
        Gauge.builder(SmppMetricNames.SESSIONS_BOUND, sessionsBound, AtomicInteger::get)
                .description("SMPP sessions bound").tag(SmppMetricNames.TAG_CARRIER, carrier).register(registry);
        Gauge.builder(SmppMetricNames.WINDOW_IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("submit_sm awaiting their response").tag(SmppMetricNames.TAG_CARRIER, carrier)
                .register(registry);
        Gauge.builder(SmppMetricNames.RATE_LIMIT, rate, AdaptiveRate::current)
                .description("Messages per second currently allowed (adaptive, capped at the configured tps)")
                .tag(SmppMetricNames.TAG_CARRIER, carrier).register(registry);
        resentAfterTimeout = resendCounter(registry, carrier, RESEND_TIMEOUT);
        resentAfterConnectionLost = resendCounter(registry, carrier, RESEND_CONNECTION_LOST);
    }

    private static Counter resendCounter(MeterRegistry registry, String carrier, String reason) {
        return Counter.builder(SmppMetricNames.RESENDS)
                .description("submit_sm sent again although the SMSC may have accepted it (possible duplicates)")
                .tags(SmppMetricNames.TAG_CARRIER, carrier, SmppMetricNames.TAG_REASON, reason).register(registry);
    }

    private static Counter receiptCounter(MeterRegistry registry, String carrier, String status) {
        return Counter.builder(SmppMetricNames.RECEIPTS).description("Delivery receipts, by status")
                .tags(SmppMetricNames.TAG_CARRIER, carrier, SmppMetricNames.TAG_STATUS, status).register(registry);
    }

    private static Counter segmentCounter(MeterRegistry registry, String carrier, String encoding) {
        return Counter.builder(SmppMetricNames.SEGMENTS).description("Segments accepted by the SMSC")
                .tags(SmppMetricNames.TAG_CARRIER, carrier, SmppMetricNames.TAG_ENCODING, encoding)
                .register(registry);
    }

    void submitted(SubmitResult result, boolean sent) {
        submitted.get(result.status()).increment();
        if (sent) {
            latency.record(result.latency());
        }
    }

    void segmentAccepted(String encoding, int segments) {
        (SmsEncoder.GSM7.equals(encoding) ? gsmSegments : ucsSegments).increment(segments);
    }

    void throttled() {
        throttled.increment();
    }

    void resent(String reason) {
        (RESEND_TIMEOUT.equals(reason) ? resentAfterTimeout : resentAfterConnectionLost).increment();
    }

    void receipt(ReceiptState state) {
        receipts.get(state).increment();
    }

    void unparseableReceipt() {
        unparseableReceipts.increment();
    }

    void receiptDeferred() {
        deferredReceipts.increment();
    }

    static Duration since(long startNanos) {
        return startNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The lanes waiting at this carrier: {@code otp} (priority messages) and {@code other}. */
    void registerQueue(String carrier, MeterRegistry registry, SubmitQueue queue) {
        for (boolean priority : new boolean[] {true, false}) {
            String lane = priority ? "otp" : "other";
            Gauge.builder(SmppMetricNames.QUEUE_DEPTH, queue, q -> q.laneStats(priority, System.nanoTime())[0])
                    .description("Messages waiting at the carrier, by lane")
                    .tag(SmppMetricNames.TAG_CARRIER, carrier).tag(SmppMetricNames.TAG_LANE, lane).register(registry);
            Gauge.builder(SmppMetricNames.QUEUE_OLDEST, queue, q -> q.laneStats(priority, System.nanoTime())[1] / 1e9)
                    .description("How long the oldest message waiting at the carrier has waited, by lane")
                    .baseUnit("seconds")
                    .tag(SmppMetricNames.TAG_CARRIER, carrier).tag(SmppMetricNames.TAG_LANE, lane).register(registry);
        }
    }
}
