package vn.vneid.smpp.session;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens a second, holding at most {@code burst}. {@link #reserve()} always
 * takes a token, possibly from the future, and says how long the caller must wait before using it, so that
 * waiting callers are served in order and the long-run rate never exceeds {@code perSecond}. Time comes from
 * an injected nanosecond clock, so tests drive it by hand.
 */
public final class TokenBucket {
    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("perSecond and burst must be at least 1");
        }
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.lastRefill = nanoTime.getAsLong();
    }

    /** A bucket for a carrier: a burst of a tenth of a second's worth (at least one). */
    public static TokenBucket perSecond(int tps) {
        return new TokenBucket(tps, Math.max(1, tps / 10), System::nanoTime);
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

    /** Takes a token, sleeping until it is usable. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
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
