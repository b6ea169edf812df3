package vn.vneid.smpp.session;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a carrier's rate was lowered without flooding the log: {@link AdaptiveRate} decides at most once a
 * second, but it may do so for as long as the SMSC throttles, so one INFO line per {@link #INTERVAL} (naming the
 * decreases since the previous line and the lowest rate so far) and the other decisions at DEBUG.
 */
final class RateDecreaseLog {
    private static final Logger log = LoggerFactory.getLogger(JsmppCarrier.class);
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final String carrier;
    private final int cap;
    private final AdaptiveRate rate;
    private final LongSupplier nanoTime;
    private long nextInfoAt;
    private int sinceInfo;

    RateDecreaseLog(String carrier, int cap, AdaptiveRate rate, LongSupplier nanoTime) {
        this.carrier = carrier;
        this.cap = cap;
        this.rate = rate;
        this.nanoTime = nanoTime;
        this.nextInfoAt = nanoTime.getAsLong();
    }

    /** Logs {@code decrease}; returns true when it was the INFO line of its interval. */
    synchronized boolean decreased(AdaptiveRate.Decrease decrease) {
        long now = nanoTime.getAsLong();
        sinceInfo++;
        long percent = Math.round(decrease.throttledFraction() * 100);
        if (now - nextInfoAt < 0) {
            log.debug("carrier {} throttled: {}% of {} answers; rate lowered from {} to {} msg/s", carrier, percent,
                    decrease.answers(), Math.round(decrease.from()), Math.round(decrease.to()));
            return false;
        }
        log.info("carrier {} throttled: {}% of {} answers; rate lowered from {} to {} msg/s (cap {}, lowest so far {}, "
                        + "{} decrease(s) since the last such line)", carrier, percent, decrease.answers(),
                Math.round(decrease.from()), Math.round(decrease.to()), cap, Math.round(rate.lowest()), sinceInfo);
        nextInfoAt = now + INTERVAL.toNanos();
        sinceInfo = 0;
        return true;
    }
}
