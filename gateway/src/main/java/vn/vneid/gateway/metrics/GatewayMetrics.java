package vn.vneid.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.SmppMetricNames;
import vn.vneid.otp.Purpose;
import vn.vneid.otp.RateLimit;
import vn.vneid.otp.VerifyOutcome;

/**
 * The gateway's own metric names, in one place: they are a contract with the Grafana dashboards.
 * Labels carry purposes, results, limits, routes and status codes, never a phone, an ID number or a code.
 * (smpp-adapter owns {@code sms_*} and {@code smpp_*}.)
 */
public final class GatewayMetrics {
    public static final String OTP_ISSUED = "otp.issued";
    public static final String OTP_VERIFIED = "otp.verified";
    public static final String OTP_RATE_LIMITED = "otp.rate_limited";
    public static final String HTTP_REQUESTS = "gateway.http.requests";
    public static final String SMS_DELIVERY = "sms.delivery";
    public static final String OTP_DISPATCH = "otp.dispatch";
    public static final String NOTICE_BUDGET = "notices.budget";
    /** SMS-pumping guard ({@code pumping.PumpingMetrics}): holds started, held now, issues refused by a hold. */
    public static final String OTP_PREFIX_HOLDS = "otp.prefix.holds";
    public static final String OTP_PREFIX_HELD = "otp.prefix.held";
    public static final String OTP_PREFIX_HELD_REJECTED = "otp.prefix.held.rejected";
    public static final String HTTP_CONNECTIONS = "gateway.http.connections";
    public static final String HTTP_CONNECTIONS_REFUSED = "gateway.http.connections.refused";
    public static final String HTTP_HEADER_TIMEOUTS = "gateway.http.header.timeouts";
    /** The methods that get a label of their own; any other (a client may invent one per request) is {@code OTHER}. */
    static final java.util.Set<String> HTTP_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "OPTIONS", "PATCH");

    /** Buckets for submit → delivery receipt: seconds to an hour (handsets switched off deliver late). */
    static final Duration[] DELIVERY_BUCKETS = Stream.of(100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000,
            300000, 600000, 1800000, 3600000).map(Duration::ofMillis).toArray(Duration[]::new);
    private final MeterRegistry registry;
    private final Map<String, Counter> issued = new ConcurrentHashMap<>();
    private final Map<Purpose, Map<VerifyOutcome.Result, Counter>> verified = new EnumMap<>(Purpose.class);
    private final Map<Purpose, Map<RateLimit, Counter>> rateLimited = new EnumMap<>(Purpose.class);
    private final Map<String, Timer> httpTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> deliveryTimers = new ConcurrentHashMap<>();
    private final Timer otpDispatch;

    /** Registers every OTP counter up front (purposes, results and limits are closed sets): no lookup per request. */
    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.otpDispatch = Timer.builder(OTP_DISPATCH)
                .description("OTP from its HTTP request to its submit_sm being sent (the SMSC's answer time left out)")
                .serviceLevelObjectives(SmppMetricNames.LATENCY_BUCKETS).register(registry);
        for (Purpose purpose : Purpose.values()) {
            Map<VerifyOutcome.Result, Counter> byResult = new EnumMap<>(VerifyOutcome.Result.class);
            for (VerifyOutcome.Result result : VerifyOutcome.Result.values()) {
                byResult.put(result, Counter.builder(OTP_VERIFIED).description("OTP verifications by result")
                        .tag("purpose", purpose.name()).tag("result", result.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            verified.put(purpose, byResult);
            Map<RateLimit, Counter> byLimit = new EnumMap<>(RateLimit.class);
            for (RateLimit limit : RateLimit.values()) {
                byLimit.put(limit, Counter.builder(OTP_RATE_LIMITED).description("OTP issues refused by a limit")
                        .tag("purpose", purpose.name()).tag("limit", limit.label()).register(registry));
            }
            rateLimited.put(purpose, byLimit);
        }
        registerRecovery();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * {@code otp_issued_total{purpose,prefix}}: {@code prefix} is the destination's first four digits
     * ({@code 8496}), a carrier's number range (about 36 values), so SMS pumping into one range shows; it
     * identifies nobody.
     */
    public void issued(Purpose purpose, Msisdn to) {
        String prefix = to.international().substring(0, 4);
        issued.computeIfAbsent(purpose.name() + prefix, k -> Counter.builder(OTP_ISSUED)
                .description("OTP codes issued and handed to SMS")
                .tag("purpose", purpose.name()).tag("prefix", prefix).register(registry)).increment();
    }

    public void verified(Purpose purpose, VerifyOutcome.Result result) {
        verified.get(purpose).get(result).increment();
    }

    public void rateLimited(Purpose purpose, RateLimit limit) {
        rateLimited.get(purpose).get(limit).increment();
    }

    /** A message settled by its receipt: {@code sms_delivery_seconds{carrier,status}}, from submit to receipt. */
    public void delivered(String carrier, String receiptState, Duration sinceSubmit) {
        String status = receiptState.toLowerCase(Locale.ROOT);
        deliveryTimers.computeIfAbsent(carrier + ' ' + status, k -> Timer.builder(SMS_DELIVERY)
                        .description("Time from submit to the final delivery receipt")
                        .tag("carrier", carrier).tag("status", status)
                        .serviceLevelObjectives(DELIVERY_BUCKETS).register(registry))
                .record(sinceSubmit.isNegative() ? Duration.ZERO : sinceSubmit);
    }

    /** {@code otp_dispatch_seconds}: what the gateway itself added to an OTP before the carrier had it. */
    public void otpDispatched(Duration latency) {
        otpDispatch.record(latency);
    }

    /** {@code notices_budget}: how many notices may be at the carriers now ({@code OtpGuard}). */
    public void noticeBudget(java.util.function.IntSupplier budget) {
        io.micrometer.core.instrument.Gauge.builder(NOTICE_BUDGET, budget::getAsInt)
                .description("Notices allowed at the carriers now; lowered while OTPs are slow").register(registry);
    }

    /**
     * {@code gateway_http_requests_seconds{method,route,status}}. Every label comes from a closed set, never from
     * the request as sent: {@code method} is one of {@link #HTTP_METHODS} or {@code OTHER}, {@code route} a route
     * template the caller names (or {@code unmatched}), {@code status} a status the gateway chose; so no request
     * can add a series.
     */
    public void httpRequest(String method, String route, int status, long nanos) {
        String m = HTTP_METHODS.contains(method) ? method : "OTHER";
        httpTimers.computeIfAbsent(m + ' ' + route + ' ' + status, k ->
                Timer.builder(HTTP_REQUESTS).description("HTTP requests served, by route template and status")
                        .tag("method", m).tag("route", route).tag("status", Integer.toString(status))
                        .serviceLevelObjectives(SmppMetricNames.LATENCY_BUCKETS)
                        .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** {@code gateway_http_connections}: HTTP connections open on this instance now. */
    public void httpConnectionsOpen(java.util.function.IntSupplier open) {
        io.micrometer.core.instrument.Gauge.builder(HTTP_CONNECTIONS, open::getAsInt)
                .description("HTTP connections open on this instance").register(registry);
    }

    /** {@code gateway_http_connections_refused_total}: connections closed as they were accepted, past the cap. */
    public Counter httpConnectionsRefused() {
        return Counter.builder(HTTP_CONNECTIONS_REFUSED)
                .description("HTTP connections closed as they were accepted: the instance was at http.maxConnections")
                .register(registry);
    }

    /** {@code gateway_http_header_timeouts_total}: connections closed for not sending a request head in time. */
    public Counter httpHeaderTimeouts() {
        return Counter.builder(HTTP_HEADER_TIMEOUTS)
                .description("HTTP connections closed for not sending a complete request head within http.headerTimeout")
                .register(registry);
    }

    /** Why an SMS may have reached a handset twice: a crash or an outage left it unclear whether it had been sent. */
    public enum Duplicate {
        /** An accepted OTP taken over from an instance that stopped: it may have submitted it just before. */
        OTP_TAKEN_OVER,
        /** A notice taken over from an instance that stopped without settling it, and not recorded as submitted. */
        NOTICE_TAKEN_OVER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How an OTP whose holder stopped was settled by another instance. */
    public enum Recovered {
        RESENT, EXPIRED, ALREADY_SENT, RECORD_GONE, UNREADABLE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String POSSIBLE_DUPLICATES = "sms.possible_duplicates";
    public static final String OTP_RECOVERED = "otp.recovered";
    public static final String OTP_HELD = "otp.held";

    private Map<Duplicate, Counter> duplicates;
    private Map<Recovered, Counter> recovered;

    /** Registered up front, so that operators see zeros rather than "no data" before the first event. */
    private void registerRecovery() {
        duplicates = new EnumMap<>(Duplicate.class);
        for (Duplicate d : Duplicate.values()) {
            duplicates.put(d, possibleDuplicates(registry, d));
        }
        recovered = counters(Recovered.class, r -> Counter.builder(OTP_RECOVERED)
                .description("Accepted OTPs taken over from an instance that stopped, by how they were settled")
                .tag("outcome", r.label()));
    }

    private <E extends Enum<E>> Map<E, Counter> counters(Class<E> type, java.util.function.Function<E, Counter.Builder> b) {
        Map<E, Counter> map = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            map.put(e, b.apply(e).register(registry));
        }
        return map;
    }

    /** {@code sms_possible_duplicates_total{reason}}, for parts that count on their own registry. */
    public static Counter possibleDuplicates(MeterRegistry registry, Duplicate reason) {
        return Counter.builder(POSSIBLE_DUPLICATES)
                .description("SMS sent again after a crash or outage left unclear whether they had been sent (upper bound)")
                .tag("reason", reason.label()).register(registry);
    }

    public void possibleDuplicate(Duplicate reason) {
        duplicates.get(reason).increment();
    }

    public void recovered(Recovered outcome) {
        recovered.get(outcome).increment();
    }

    /** {@code otp_held}: accepted OTPs this instance holds and has not submitted yet. */
    public void otpsHeld(java.util.function.IntSupplier held) {
        io.micrometer.core.instrument.Gauge.builder(OTP_HELD, held::getAsInt)
                .description("Accepted OTPs this instance holds (leased in the outbox) and has not submitted yet")
                .register(registry);
    }
}
