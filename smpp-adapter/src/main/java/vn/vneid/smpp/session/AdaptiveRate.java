package vn.vneid.smpp.session;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A carrier's throughput under AIMD (additive increase, multiplicative decrease) that reacts at most once per
 * window of answers. The SMSC's answers to submits are counted per window; a window closes at the first answer
 * that comes when it has lasted {@link #MIN_WINDOW} and holds {@link #MIN_ANSWERS} answers, and if a fraction
 * {@code f} of them were throttling answers ({@code ESME_RTHROTTLED}, {@code ESME_RMSGQFUL}) the rate is
 * multiplied by {@code 1 - f/2} (as DCTCP does with its window), never below a floor of {@code max(1, cap/100)}.
 * Only answers to submits sent since the window opened count, so a window spans at least one round trip and
 * measures the rate that was in force. Between decisions the rate climbs by {@code cap/20} a second times the
 * share of the last window's answers that were not throttled (TCP grows its window per acknowledgement: no
 * climb while the SMSC refuses everything), up to the configured {@code cap}, which is never exceeded.
 *
 * <p>Why per window and not per answer: on loopback a round trip takes a millisecond while the rate climbs back
 * by a twentieth of the cap per second, so reacting to each throttling answer (or once per round trip) divides
 * the rate hundreds of times a second and pins it to the floor. Why at least a second: carriers grant a TPS and
 * count it per second; a shorter window sees the SMSC's counter instead of our excess (all accepted early in the
 * SMSC's second, all refused late in it) and halves on every refusing slice. With {@code f} measured over a
 * second, an SMSC that accepts {@code C}/s while we send {@code r > C} gives {@code f = 1 - C/r}, so each window
 * takes the rate half-way down to {@code C}, and it settles just above it, where one window's decrease
 * {@code (r - C)/2} matches one second's climb {@code (C/r) cap/20} (1,366/s for C = 1,000 and a cap of 5,000);
 * what the SMSC accepts stays {@code C}. A random throttling fraction (an SMSC that refuses some of everything,
 * which no rate can cure) settles at {@code cap (1 - f) / (10 f)} (0.23 cap for 30 %, of which 70 % goes
 * through) instead of the floor; an SMSC refusing everything brings it to the floor in a few seconds.
 * The rate drives the carrier's {@link TokenBucket}.
 */
final class AdaptiveRate {
    /** The shortest window of answers a decision is made on. */
    static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    /** The fewest answers a decision is made on, so that one unlucky answer at a low rate is not a fraction of 1. */
    static final int MIN_ANSWERS = 4;

    /** One decrease: the rate before and after, and the throttled share of the window's answers behind it. */
    record Decrease(double from, double to, double throttledFraction, int answers) {
    }

    private final int cap;
    private final double floor;
    private final double increasePerNano;
    private final TokenBucket bucket;
    private final LongSupplier nanoTime;
    private double rate;
    /** The share of the last window's answers that were not throttled: how much of the climb applies. */
    private double climbShare = 1;
    private double lowest;
    private long lastUpdate;
    private long windowStart;
    private int answers;
    private int throttled;

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
        this.windowStart = lastUpdate;
    }

    /**
     * Takes a token at the current rate without waiting: 0 when it is usable now, else the nanoseconds until it is
     * (the caller holds it and sends then; see {@link TokenBucket#reserve()}).
     */
    long reserve() {
        current();
        return bucket.reserve();
    }

    /** Messages a second allowed now. */
    synchronized double current() {
        long now = nanoTime.getAsLong();
        if (rate < cap && now > lastUpdate) {
            setRate(Math.min(cap, rate + (now - lastUpdate) * increasePerNano * climbShare));
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

    /** The SMSC answered a submit sent at {@code sentAtNanos} without throttling it (accepted or refused otherwise). */
    Optional<Decrease> onAnswered(long sentAtNanos) {
        return onAnswer(sentAtNanos, false);
    }

    /** The SMSC answered a submit sent at {@code sentAtNanos} with a throttling status. */
    Optional<Decrease> onThrottled(long sentAtNanos) {
        return onAnswer(sentAtNanos, true);
    }

    /**
     * Counts one answer in the current window; when that closes the window, decides: lowers the rate if any of
     * the window's answers were throttling ones (returned), and opens the next window.
     */
    private synchronized Optional<Decrease> onAnswer(long sentAtNanos, boolean wasThrottled) {
        current();
        if (sentAtNanos - windowStart < 0) {
            return Optional.empty();   // sent at the previous window's rate: already judged
        }
        if (answers == 0) {
            windowStart = sentAtNanos;   // after a quiet spell, the window starts with the traffic it judges
        }
        answers++;
        if (wasThrottled) {
            throttled++;
        }
        long now = lastUpdate;
        if (now - windowStart < MIN_WINDOW.toNanos() || answers < MIN_ANSWERS) {
            return Optional.empty();
        }
        Optional<Decrease> decision = Optional.empty();
        double fraction = (double) throttled / answers;
        if (throttled > 0) {
            double before = rate;
            setRate(Math.max(floor, rate * (1 - fraction / 2)));
            decision = Optional.of(new Decrease(before, rate, fraction, answers));
        }
        climbShare = 1 - fraction;
        windowStart = now;
        answers = 0;
        throttled = 0;
        return decision;
    }

    private void setRate(double newRate) {
        if (newRate != rate) {
            rate = newRate;
            lowest = Math.min(lowest, newRate);
            bucket.setRate(newRate);
        }
    }
}
