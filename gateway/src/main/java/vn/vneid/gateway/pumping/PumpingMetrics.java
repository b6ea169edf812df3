package vn.vneid.gateway.pumping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import vn.vneid.gateway.metrics.GatewayMetrics;

/**
 * The guard's meters (names in {@link GatewayMetrics}): {@code otp_prefix_holds_total{prefix}} holds this
 * instance started, {@code otp_prefix_held{prefix}} 1 while a prefix is held (from any instance) and 0 otherwise,
 * {@code otp_prefix_held_rejected_total} issues refused by a hold. A prefix's series appear when the instance
 * first sees it (an issue or a hold); the label is a four-digit prefix, so there are at most a hundred.
 */
final class PumpingMetrics {
    private final MeterRegistry registry;
    private final Predicate<NumberPrefix> held;
    private final Map<NumberPrefix, Counter> holds = new ConcurrentHashMap<>();
    private final Counter rejected;

    /** {@code held} tells, when scraped, whether a prefix is held now. */
    PumpingMetrics(MeterRegistry registry, Predicate<NumberPrefix> held) {
        this.registry = registry;
        this.held = held;
        this.rejected = Counter.builder(GatewayMetrics.OTP_PREFIX_HELD_REJECTED)
                .description("OTP issues refused because their number prefix is held (SMS pumping guard)")
                .register(registry);
    }

    /** Registers the prefix's series (once). */
    void seen(NumberPrefix prefix) {
        holds.computeIfAbsent(prefix, p -> {
            Gauge.builder(GatewayMetrics.OTP_PREFIX_HELD, () -> held.test(p) ? 1 : 0)
                    .description("1 while OTP issues to the number prefix are held (SMS pumping guard)")
                    .tag("prefix", p.digits()).register(registry);
            return Counter.builder(GatewayMetrics.OTP_PREFIX_HOLDS)
                    .description("Holds of a number prefix started on this instance (detected or by an operator)")
                    .tag("prefix", p.digits()).register(registry);
        });
    }

    void holdStarted(NumberPrefix prefix) {
        seen(prefix);
        holds.get(prefix).increment();
    }

    void rejected() {
        rejected.increment();
    }
}
