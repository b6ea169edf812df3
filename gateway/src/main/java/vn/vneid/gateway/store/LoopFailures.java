package vn.vneid.gateway.store;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The log of a periodic loop that depends on Redis (dispatch rounds, housekeeping): one WARN at the first failure
 * of a run of failures, nothing for the next ones (they are counted), one INFO with the count when a round works
 * again. A Redis outage then costs two lines per loop, not fifty a second. Thread-safe.
 */
public final class LoopFailures {
    private final Logger log;
    private final String what;
    private final AtomicLong failures = new AtomicLong();

    /** {@code what} names the loop in the lines, e.g. "dispatch round". */
    public LoopFailures(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void failed(Throwable e) {
        if (failures.getAndIncrement() == 0) {
            log.warn("{} failed ({}); retrying quietly until it works again", what, e.toString());
        }
    }

    public void succeeded() {
        long failed = failures.getAndSet(0);
        if (failed > 0) {
            log.info("{} works again after {} failed attempts", what, failed);
        }
    }
}
