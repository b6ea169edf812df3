package vn.vneid.load;

import java.time.Duration;

/**
 * When each request of an open-model run is due: request {@code i} at {@code i / rate} seconds after the start,
 * whatever happened to earlier requests. The first {@code warmup} of the run is not measured; the run ends at
 * {@code warmup + measured}, so it holds exactly {@code rate × (warmup + measured)} requests (rounded down).
 * Pure arithmetic on nanosecond offsets from the start, so it is tested without a clock.
 */
final class ArrivalSchedule {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int ratePerSecond;
    private final long warmupNanos;
    private final long totalNanos;
    private final long count;
    private final long firstMeasured;

    ArrivalSchedule(int ratePerSecond, Duration warmup, Duration measured) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        if (warmup.isNegative() || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("warmup must be >= 0 and the measured duration > 0");
        }
        this.ratePerSecond = ratePerSecond;
        this.warmupNanos = warmup.toNanos();
        this.totalNanos = Math.addExact(warmupNanos, measured.toNanos());
        this.count = requestsBefore(totalNanos);
        this.firstMeasured = requestsBefore(warmupNanos);
    }

    /** How many requests the whole run sends, warm-up included. */
    long count() {
        return count;
    }

    /** The index of the first measured request; every request before it is warm-up. */
    long firstMeasured() {
        return firstMeasured;
    }

    boolean isWarmup(long i) {
        return i < firstMeasured;
    }

    /** When request {@code i} is due, in nanoseconds after the start. */
    long offsetNanos(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("request " + i + " is outside 0.." + (count - 1));
        }
        return Math.multiplyExact(i, NANOS_PER_SECOND) / ratePerSecond;
    }

    /** Nanoseconds after the start at which measuring begins. */
    long warmupNanos() {
        return warmupNanos;
    }

    /** Nanoseconds after the start at which sending stops: the deadline. */
    long totalNanos() {
        return totalNanos;
    }

    /**
     * How many requests are due at {@code elapsedNanos} after the start, i.e. the exclusive upper index of
     * those with {@code offsetNanos(i) <= elapsedNanos}; never more than {@link #count()}.
     */
    long dueAt(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        return Math.min(count, requestsBefore(elapsedNanos + 1));
    }

    /** Requests whose offset is strictly before {@code nanos}: the smallest i with i·10⁹/rate ≥ nanos. */
    private long requestsBefore(long nanos) {
        // i·10⁹ / rate (integer division) < nanos  ⇔  i·10⁹ < nanos·rate  ⇔  i < ceil(nanos·rate / 10⁹)
        long scaled = Math.multiplyExact(nanos, (long) ratePerSecond);
        return (scaled + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
