package vn.vneid.smpp.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an outage of receipt recording once, not once per receipt: a deferred receipt logs a WARN only when none
 * was logged in the last {@link #REPEAT} (the repeats say how many were deferred since), and the first receipt
 * recorded after a WARN logs one INFO line that the outage is over. So a store that is down, or flapping, costs
 * at most two lines a minute; every deferral is counted in the carrier's {@code sms_receipts_deferred_total}
 * anyway. One per carrier, shared by its binds' receivers. Time comes from an injected nanosecond clock.
 */
public final class ReceiptOutage {
    private static final Logger log = LoggerFactory.getLogger(ReceiptReceiver.class);
    static final Duration REPEAT = Duration.ofMinutes(1);

    private final String carrier;
    private final LongSupplier nanoTime;
    /** A WARN was logged and no receipt has been recorded since. */
    private volatile boolean warned;
    private boolean everWarned;
    private long warnedAt;
    private long deferredSinceWarn;

    public ReceiptOutage(String carrier, LongSupplier nanoTime) {
        this.carrier = carrier;
        this.nanoTime = nanoTime;
    }

    /** A receipt was answered with a temporary error because of {@code why}; true when this logged a WARN. */
    synchronized boolean deferred(String why) {
        long now = nanoTime.getAsLong();
        deferredSinceWarn++;
        if (everWarned && now - warnedAt < REPEAT.toNanos()) {
            return false;
        }
        if (everWarned) {
            log.warn("carrier {}: delivery receipts cannot be recorded ({}); {} answered ESME_RX_T_APPN for the SMSC "
                    + "to send again since the last such line, {} s ago", carrier, why, deferredSinceWarn,
                    Duration.ofNanos(now - warnedAt).toSeconds());
        } else {
            log.warn("carrier {}: delivery receipts cannot be recorded ({}); answering them ESME_RX_T_APPN so that "
                    + "the SMSC sends them again (sms_receipts_deferred_total; at most one line a minute)", carrier, why);
        }
        everWarned = true;
        warned = true;
        warnedAt = now;
        deferredSinceWarn = 0;
        return true;
    }

    /** A receipt was recorded; after a WARN, says once that receipts are recorded again (true when it did). */
    boolean recorded() {
        if (!warned) {
            return false;   // the usual case: one volatile read
        }
        synchronized (this) {
            if (!warned) {
                return false;
            }
            warned = false;
            log.info("carrier {}: delivery receipts are recorded again ({} more answered with a temporary error since "
                    + "the last warning, {} s ago)", carrier, deferredSinceWarn,
                    Duration.ofNanos(nanoTime.getAsLong() - warnedAt).toSeconds());
            return true;
        }
    }
}
