package vn.vneid.gateway.admission;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A concurrency limiter with priorities: one adaptive limit for the instance (a Netflix concurrency-limits
 * {@link Limit}: Gradient2, Vegas or fixed), and a request of class c is admitted while fewer than
 * {@code floor(limit x share(c))} requests are in flight, so as the gateway fills up bulk is refused first and
 * OTP verify last. Admission is one compare-and-set, never a wait: a refused request is answered at once.
 *
 * <p>The library's own partitions do not fit: they reserve a share of the limit for each partition (fairness),
 * and below the limit admit anyone, so they never shed bulk while there is room for verify; here the shares are
 * thresholds on the whole in-flight count, which is what gives an order of shedding.
 *
 * <p>Each admitted request holds a {@link Listener} and reports once how it ended: {@code onSuccess} (its
 * latency is a sample for the algorithm), {@code onDropped} (it timed out: a congestion signal) or
 * {@code onIgnore} (says nothing about capacity). Thread-safe; one per instance, shared by every event loop.
 */
final class PriorityLimiter extends AbstractLimiter<RequestClass> {
    private final AdmissionConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();

    private PriorityLimiter(Builder builder, AdmissionConfig config) {
        super(builder);
        this.config = config;
    }

    /** A limiter for {@code config}, measuring latency with {@code nanoClock}. */
    static PriorityLimiter create(AdmissionConfig config, LongSupplier nanoClock) {
        return new PriorityLimiter(new Builder().named("gateway").limit(limit(config)).nanoClock(nanoClock), config);
    }

    /** A limiter on a limit the caller controls (tests). */
    static PriorityLimiter create(AdmissionConfig config, Limit limit, LongSupplier nanoClock) {
        return new PriorityLimiter(new Builder().named("gateway").limit(limit).nanoClock(nanoClock), config);
    }

    /**
     * Gradient2 and Vegas see the average latency of a window of answers (at least 10, between 200 ms and 1 s)
     * instead of each answer: one slow answer does not move the limit, and the algorithm's lock is taken
     * once per window instead of once per request.
     */
    static Limit limit(AdmissionConfig c) {
        return switch (c.algorithm()) {
            case FIXED -> FixedLimit.of(c.initialLimit());
            case GRADIENT2 -> windowed(Gradient2Limit.newBuilder().initialLimit(c.initialLimit())
                    .minLimit(c.minLimit()).maxConcurrency(c.maxLimit()).build());
            case VEGAS -> windowed(VegasLimit.newBuilder().initialLimit(c.initialLimit())
                    .maxConcurrency(c.maxLimit()).build());
        };
    }

    private static Limit windowed(Limit delegate) {
        return WindowedLimit.newBuilder().minWindowTime(200, TimeUnit.MILLISECONDS)
                .maxWindowTime(1, TimeUnit.SECONDS).windowSize(10).build(delegate);
    }

    /** A slot for a request of class {@code c}, or empty when it must be refused now. */
    @Override
    public Optional<Listener> acquire(RequestClass c) {
        int threshold = threshold(c);
        int current = inFlight.get();
        while (true) {
            if (current >= threshold) {
                return createRejectedListener();
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return Optional.of(new Slot(createListener()));
            }
            current = inFlight.get();
        }
    }

    /** Whether a request that already holds a slot would also have been admitted as class {@code c}. */
    boolean admitsHeld(RequestClass c) {
        return inFlight.get() - 1 < threshold(c);
    }

    /** How many requests of class {@code c} may be in flight now. */
    int threshold(RequestClass c) {
        return config.threshold(c, limit());
    }

    /** The limit in force: the algorithm's, never below the configured floor. */
    int limit() {
        return Math.max(config.floor(), getLimit());
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Frees the slot on the first outcome reported; later reports are ignored (end and close may both fire). */
    private final class Slot implements Listener {
        private final Listener delegate;
        private final AtomicBoolean done = new AtomicBoolean();

        Slot(Listener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onSuccess() {
            if (done.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                delegate.onSuccess();
            }
        }

        @Override
        public void onIgnore() {
            if (done.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                delegate.onIgnore();
            }
        }

        @Override
        public void onDropped() {
            if (done.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                delegate.onDropped();
            }
        }
    }

    static final class Builder extends AbstractLimiter.Builder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
