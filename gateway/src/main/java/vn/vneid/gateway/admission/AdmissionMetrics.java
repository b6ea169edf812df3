package vn.vneid.gateway.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The admission and client-quota metric names, in one place (a contract with dashboards and alerts), and their
 * meters, registered up front:
 * <ul>
 *   <li>{@code gateway_admission_limit}: the instance's concurrency limit now;</li>
 *   <li>{@code gateway_admission_inflight}: admitted requests not answered yet;</li>
 *   <li>{@code gateway_admission_rejected_total{class}}: requests answered 503 {@code overloaded}, by class
 *       ({@code bulk}, {@code transactional}, {@code issue}, {@code verify});</li>
 *   <li>{@code gateway_client_rate_limited_total{client}}: requests answered 429 {@code client.rate_limited}, by
 *       client name (only clients with a rate, a set fixed by the configuration);</li>
 *   <li>{@code gateway_client_quota_unchecked_total}: requests let through unchecked because Redis did not
 *       answer the quota check (fail open).</li>
 * </ul>
 */
public final class AdmissionMetrics {
    public static final String LIMIT = "gateway.admission.limit";
    public static final String IN_FLIGHT = "gateway.admission.inflight";
    public static final String REJECTED = "gateway.admission.rejected";
    public static final String CLIENT_RATE_LIMITED = "gateway.client.rate_limited";
    public static final String CLIENT_QUOTA_UNCHECKED = "gateway.client.quota_unchecked";

    private final Map<RequestClass, Counter> rejected = new EnumMap<>(RequestClass.class);
    private final Map<String, Counter> rateLimited;
    private final Counter unchecked;

    AdmissionMetrics(MeterRegistry registry, IntSupplier limit, IntSupplier inFlight, Collection<String> ratedClients) {
        Gauge.builder(LIMIT, limit::getAsInt).description("Requests this instance admits at once now")
                .register(registry);
        Gauge.builder(IN_FLIGHT, inFlight::getAsInt).description("Admitted requests not answered yet")
                .register(registry);
        for (RequestClass c : RequestClass.values()) {
            rejected.put(c, Counter.builder(REJECTED).description("Requests refused with 503 overloaded, by class")
                    .tag("class", c.label()).register(registry));
        }
        Map<String, Counter> byClient = new HashMap<>();
        for (String client : ratedClients) {
            byClient.put(client, Counter.builder(CLIENT_RATE_LIMITED)
                    .description("Requests refused with 429 client.rate_limited, by client")
                    .tag("client", client).register(registry));
        }
        rateLimited = Map.copyOf(byClient);
        unchecked = Counter.builder(CLIENT_QUOTA_UNCHECKED)
                .description("Requests let through because Redis did not answer the client quota check")
                .register(registry);
    }

    void rejected(RequestClass c) {
        rejected.get(c).increment();
    }

    void rateLimited(String client) {
        Counter counter = rateLimited.get(client);
        if (counter != null) {
            counter.increment();
        }
    }

    void quotaUnchecked() {
        unchecked.increment();
    }
}
