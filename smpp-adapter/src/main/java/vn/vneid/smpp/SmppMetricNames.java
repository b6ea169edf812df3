package vn.vneid.smpp;

/**
 * Every meter this module registers; the names are a contract with the Grafana dashboards. Micrometer names
 * are given without the Prometheus suffix ({@code sms_submitted} is scraped as {@code sms_submitted_total},
 * the timer {@code sms_submit} as {@code sms_submit_seconds_*}). Tags never carry a number, id or text.
 */
public final class SmppMetricNames {
    /** Counter, tags carrier and result (a {@link SubmitResult.Status} in lower case). */
    public static final String SUBMITTED = "sms_submitted";
    /** Timer with percentile histogram, tag carrier: dequeue to the last segment's submit_sm_resp. */
    public static final String SUBMIT_LATENCY = "sms_submit";
    /** Counter, tags carrier and encoding (gsm7, ucs2): segments answered with success. */
    public static final String SEGMENTS = "sms_segments";
    /**
     * Counter, tags carrier and status (the receipt stat: in lower case, or "unparseable"): receipts read and
     * acknowledged (a redelivered one counts when it is finally acknowledged).
     */
    public static final String RECEIPTS = "sms_receipts";
    /**
     * Counter, tag carrier: receipts answered with a temporary error (ESME_RX_T_APPN) because they could not be
     * recorded (store unavailable or too slow) — the SMSC sends them again; growing steadily means an outage.
     */
    public static final String RECEIPTS_DEFERRED = "sms_receipts_deferred";
    /** Gauge, tag carrier: sessions currently bound. */
    public static final String SESSIONS_BOUND = "smpp_sessions_bound";
    /** Gauge, tag carrier: submit_sm sent and not yet answered. */
    public static final String WINDOW_IN_FLIGHT = "smpp_window_in_flight";
    /** Counter, tag carrier: throttling answers (ESME_RTHROTTLED, ESME_RMSGQFUL) received. */
    public static final String THROTTLED = "smpp_throttled";
    /**
     * Gauge, tag carrier: the messages per second currently allowed. Starts at the configured tps (a cap never
     * exceeded), is lowered at most once a second by half the share of throttling answers in that window,
     * climbs back by tps/20 a second.
     */
    public static final String RATE_LIMIT = "smpp_rate_limit";
    /**
     * Counter, tags carrier and reason ({@code timeout}: no response, resent under RESEND_ONCE;
     * {@code connection_lost}: the connection broke while or after writing it): submit_sm sent again although
     * the SMSC may have accepted the first one — each is a possible duplicate SMS.
     */
    public static final String RESENDS = "smpp_resends";

    /** Counter, tags from, to and reason: messages moved to their route's failover carrier. */
    public static final String FAILOVERS = "sms_failovers";
    /**
     * Buckets of the latency histograms, 1 ms to 60 s: few enough to keep the series count low, fixed so that
     * percentiles can be computed across instances with histogram_quantile.
     */
    public static final java.time.Duration[] LATENCY_BUCKETS = java.util.stream.Stream.of(
                    1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000)
            .map(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new);
    /** Gauges, tags carrier and lane ({@code otp}: priority messages; {@code other}): messages waiting at the carrier. */
    public static final String QUEUE_DEPTH = "queue_depth";
    /** Gauge (seconds), tags carrier and lane: how long the oldest waiting message has waited. */
    public static final String QUEUE_OLDEST = "queue_oldest";
    public static final String TAG_LANE = "lane";
    public static final String TAG_CARRIER = "carrier";
    public static final String TAG_RESULT = "result";
    public static final String TAG_ENCODING = "encoding";
    public static final String TAG_STATUS = "status";
    public static final String TAG_REASON = "reason";

    private SmppMetricNames() {
    }
}
