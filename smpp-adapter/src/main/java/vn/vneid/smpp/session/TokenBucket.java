package vn.vneid.smpp.session;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens a second, holding at most {@code burst}. {@link #reserve()} always
 * takes a token, possibly from the future, and says how long the caller must wait before using it, so that
 * waiting callers are served in order and the long-run rate never exceeds {@code perSecond}. The rate can be
 * changed at run time ({@link #setRate}, used by {@link AdaptiveRate}); the burst then scales with it, so a
 * slowed-down bucket cannot release a full-speed burst. Time comes from an injected nanosecond clock, so tests
 * drive it by hand.
 */
public final class TokenBucket {
    /** Seconds of tokens the bucket holds: burst / rate at construction. */
    private final double burstSeconds;
    private final LongSupplier nanoTime;
    private double perSecond;
    private double tokensPerNano;
    private double burst;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("perSecond and burst must be at least 1");
        }
        this.perSecond = perSecond;
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.burstSeconds = (double) burst / perSecond;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.lastRefill = nanoTime.getAsLong();
    }

    /** A bucket for a carrier: a burst of a tenth of a second's worth (at least one). */
    public static TokenBucket perSecond(int tps) {
        return new TokenBucket(tps, Math.max(1, tps / 10), System::nanoTime);
    }

    /** Tokens per second now. */
    public synchronized double rate() {
        return perSecond;
    }

    /**
     * Changes the rate from now on (tokens accrued so far were earned at the old rate); the burst becomes the
     * same number of seconds' worth as at construction, at least one token. Reservations already handed out keep
     * their wait.
     */
    public synchronized void setRate(double newPerSecond) {
        if (!(newPerSecond >= 1)) {
            throw new IllegalArgumentException("rate must be at least 1 per second, was " + newPerSecond);
        }
        refill();
        perSecond = newPerSecond;
        tokensPerNano = newPerSecond / 1e9;
        burst = Math.max(1, newPerSecond * burstSeconds);
        tokens = Math.min(tokens, burst);
    }

    /** Takes a token now if one is there. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Takes a token; returns 0 when it is usable now, else the nanoseconds until it is. */
    public synchronized long reserve() {
        refill();
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
            lastRefill = now;
        }
    }
}
