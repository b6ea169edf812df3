package vn.vneid.smpp.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SmppMetricNames;
import vn.vneid.smpp.SmsSender;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;

/**
 * Sends each message through the carrier its {@link RouteTable} names, or through the route's failover
 * carrier when the first has no bound session, keeps failing ({@link CarrierHealth}), or refuses the
 * message (a ported number is refused by its old carrier). A message moves to the failover at most once, so a
 * refusal by both ends it. Messages for a route with no carrier bound wait on the first carrier's queue until
 * one binds or they expire.
 */
public final class RoutingSmsSender implements SmsSender {
    private static final Logger log = LoggerFactory.getLogger(RoutingSmsSender.class);
    private final Map<String, SmsSender> carriers;
    private final RouteTable routes;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, CarrierHealth> health = new ConcurrentHashMap<>();

    /** {@code carriers} by name; every carrier a route names must be among them. */
    public RoutingSmsSender(Map<String, ? extends SmsSender> carriers, RouteTable routes, Clock clock,
                            MeterRegistry registry) {
        this.carriers = Map.copyOf(carriers);
        this.routes = routes;
        this.clock = clock;
        this.registry = registry;
        for (Route route : routes.routes()) {
            requireCarrier(route.carrier());
            route.failover().ifPresent(this::requireCarrier);
        }
        carriers.keySet().forEach(name -> health.put(name, new CarrierHealth(clock)));
    }

    @Override
    public CompletionStage<SubmitResult> submit(OutboundSms sms) {
        Route route = routes.resolve(sms.to());
        List<String> order = order(route);
        String first = order.get(0);
        return submitVia(first, sms).thenCompose(result -> {
            if (order.size() < 2 || !worthFailover(result) || !clock.instant().isBefore(sms.validUntil())) {
                return CompletableFuture.completedFuture(result);
            }
            String second = order.get(1);
            if (!carriers.get(second).isAvailable()) {
                return CompletableFuture.completedFuture(result);
            }
            Counter.builder(SmppMetricNames.FAILOVERS).description("messages moved to a route's other carrier")
                    .tag("from", first).tag("to", second).tag("reason", result.status().name().toLowerCase())
                    .register(registry).increment();
            log.info("message {} to {}: {} answered {} ({}); trying {}", sms.messageId(), sms.to(), first,
                    result.status(), result.reason(), second);
            return submitVia(second, sms);
        });
    }

    /** The route's carriers in the order to try: the first carrier, unless it is down or failing and the other is not. */
    private List<String> order(Route route) {
        List<String> order = new ArrayList<>(2);
        order.add(route.carrier());
        route.failover().ifPresent(order::add);
        if (order.size() == 2 && !usable(order.get(0)) && usable(order.get(1))) {
            order.add(order.remove(0));
        }
        return order;
    }

    private boolean usable(String carrier) {
        return carriers.get(carrier).isAvailable() && health.get(carrier).healthy();
    }

    private CompletionStage<SubmitResult> submitVia(String carrier, OutboundSms sms) {
        return carriers.get(carrier).submit(sms).thenApply(result -> {
            health.get(carrier).record(result.status());
            return result;
        });
    }

    /** Refusals and silence move to the other carrier; UNKNOWN does not: it may have been delivered. */
    private static boolean worthFailover(SubmitResult result) {
        return result.status() == Status.REJECTED_TEMPORARY || result.status() == Status.REJECTED_PERMANENT;
    }

    @Override
    public boolean isAvailable() {
        return carriers.values().stream().anyMatch(SmsSender::isAvailable);
    }

    @Override
    public boolean isAvailableFor(Msisdn to) {
        Route route = routes.resolve(to);
        return carriers.get(route.carrier()).isAvailable()
                || route.failover().map(f -> carriers.get(f).isAvailable()).orElse(false);
    }

    @Override
    public int pending() {
        return carriers.values().stream().mapToInt(SmsSender::pending).sum();
    }

    @Override
    public void close() {
        carriers.values().forEach(SmsSender::close);
    }

    private void requireCarrier(String name) {
        if (!carriers.containsKey(name)) {
            throw new IllegalArgumentException("route names carrier '" + name + "', which is not configured");
        }
    }

    /**
     * A carrier "keeps failing" after {@value #FAILURES_TO_TRIP} refusals or timeouts in a row; its routes then
     * prefer their failover for {@link #COOL_OFF}, after which it gets traffic again (one success resets it).
     */
    static final class CarrierHealth {
        static final int FAILURES_TO_TRIP = 5;
        static final Duration COOL_OFF = Duration.ofSeconds(30);
        private final Clock clock;
        private int consecutiveFailures;
        private Instant avoidUntil = Instant.MIN;

        CarrierHealth(Clock clock) {
            this.clock = clock;
        }

        synchronized boolean healthy() {
            return !clock.instant().isBefore(avoidUntil);
        }

        synchronized void record(Status status) {
            switch (status) {
                case ACCEPTED -> consecutiveFailures = 0;
                case REJECTED_TEMPORARY, UNKNOWN -> {
                    if (++consecutiveFailures >= FAILURES_TO_TRIP) {
                        avoidUntil = clock.instant().plus(COOL_OFF);
                        consecutiveFailures = 0;
                    }
                }
                default -> { }
            }
        }
    }

    /** The carriers this sender routes over, by name. */
    public Map<String, SmsSender> carriers() {
        return carriers;
    }
}
