package vn.vneid.smpp.session;

import java.util.function.LongSupplier;

/**
 * A carrier's throughput under AIMD (additive increase, multiplicative decrease), as TCP does with its window:
 * a throttling answer ({@code ESME_RTHROTTLED}, {@code ESME_RMSGQFUL}) halves the rate, down to a floor of
 * {@code max(1, cap/100)}; every second without one adds {@code cap/20}, up to the configured {@code cap}, which
 * is never exceeded. One congestion episode halves the rate once: a throttling answer to a submit sent before
 * the last decrease is the same episode seen late (the window was already full of them) and is ignored, so a
 * window of 32 throttled submits does not divide the rate by 2^32. The rate drives the carrier's
 * {@link TokenBucket}.
 *
 * <p>Kannel keeps its rate and sleeps a second on every throttling answer; this finds the carrier's real
 * capacity within a few round trips and goes back up when the carrier recovers.
 */
final class AdaptiveRate {
    private final int cap;
    private final double floor;
    private final double increasePerNano;
    private final TokenBucket bucket;
    private final LongSupplier nanoTime;
    private double rate;
    private double lowest;
    private long lastUpdate;
    private long lastDecrease;

    AdaptiveRate(int cap, LongSupplier nanoTime) {
        this(cap, new TokenBucket(cap, Math.max(1, cap / 10), nanoTime), nanoTime);
    }

    AdaptiveRate(int cap, TokenBucket bucket, LongSupplier nanoTime) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1");
        }
        this.cap = cap;
        this.floor = Math.max(1, cap / 100.0);
        this.increasePerNano = cap / 20.0 / 1e9;
        this.bucket = bucket;
        this.nanoTime = nanoTime;
        this.rate = cap;
        this.lowest = cap;
        this.lastUpdate = nanoTime.getAsLong();
        this.lastDecrease = lastUpdate - 1;
    }

    /** Takes a token at the current rate, sleeping until it is usable. */
    void acquire() throws InterruptedException {
        current();
        bucket.acquire();
    }

    /** Messages a second allowed now. */
    synchronized double current() {
        long now = nanoTime.getAsLong();
        if (rate < cap && now > lastUpdate) {
            setRate(Math.min(cap, rate + (now - lastUpdate) * increasePerNano));
        }
        lastUpdate = now;
        return rate;
    }

    /** The lowest rate since start: how hard the carrier pushed back. */
    synchronized double lowest() {
        return lowest;
    }

    int cap() {
        return cap;
    }

    /**
     * A throttling answer to a submit sent at {@code sentAtNanos}; halves the rate unless that submit went out
     * before the last decrease. Returns true when the rate was lowered.
     */
    synchronized boolean onThrottled(long sentAtNanos) {
        current();
        if (sentAtNanos - lastDecrease < 0) {
            return false;
        }
        lastDecrease = nanoTime.getAsLong();
        setRate(Math.max(floor, rate / 2));
        return true;
    }

    private void setRate(double newRate) {
        if (newRate != rate) {
            rate = newRate;
            lowest = Math.min(lowest, newRate);
            bucket.setRate(newRate);
        }
    }
}
