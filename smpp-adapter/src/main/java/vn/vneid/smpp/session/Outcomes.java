package vn.vneid.smpp.session;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.internal.CommandStatuses;

/**
 * How each of a carrier's messages ends: every accepted {@link SubmitJob} is tracked until exactly one result
 * completes its future (later attempts to finish it are ignored), is counted in {@code sms_submitted} and,
 * when not accepted, logged with its reason. {@link #pending()} counts messages not yet finished.
 */
final class Outcomes {
    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    private final String carrier;
    private final CarrierMetrics metrics;
    private final Set<SubmitJob> unfinished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    /** Set while {@link #awaitNone} waits, so that the hot path notifies only then. */
    private volatile boolean awaited;

    Outcomes(String carrier, CarrierMetrics metrics) {
        this.carrier = carrier;
        this.metrics = metrics;
    }

    void track(SubmitJob job) {
        unfinished.add(job);
        pending.incrementAndGet();
    }

    int pending() {
        return pending.get();
    }

    /** Waits up to {@code timeout} for every tracked message to finish; true when none is left. */
    boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaited = true;
        try {
            synchronized (this) {
                while (pending.get() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return true;
            }
        } finally {
            awaited = false;
        }
    }

    List<SubmitJob> unfinished() {
        return List.copyOf(unfinished);
    }

    /** A result decided before queueing: never tracked, counted all the same. */
    CompletionStage<SubmitResult> answerNow(Status status, int segments, String reason) {
        SubmitResult result = SubmitResult.failed(status, carrier, segments, 0, reason, Duration.ZERO);
        metrics.submitted(result, false);
        return CompletableFuture.completedFuture(result);
    }

    void finish(SubmitJob job, Status status, int commandStatus, String reason) {
        finish(job, SubmitResult.failed(status, carrier, job.encoded.segmentCount(), commandStatus, reason,
                CarrierMetrics.since(job.startedNanos)));
    }

    void finish(SubmitJob job, SubmitResult result) {
        if (job.finished.compareAndSet(false, true)) {
            // Book-keeping first, so that pending() is right by the time the caller sees the result.
            unfinished.remove(job);
            if (pending.decrementAndGet() == 0 && awaited) {
                synchronized (this) {
                    notifyAll();
                }
            }
            metrics.submitted(result, job.started());
            if (!result.accepted()) {
                log.info("carrier {}: {} {} ({})", carrier, job.sms, result.status(), result.reason());
            }
            job.future.complete(result);
        }
    }

    /** A message that will not be sent because the carrier is closing. */
    void finishClosing(SubmitJob job) {
        if (job.nextSegment() > 0 || job.maybeAtSmsc) {
            finish(job, Status.UNKNOWN, 0, "carrier closed while submitting; part of it may have been accepted");
        } else {
            finish(job, Status.REJECTED_TEMPORARY, 0, "closing; not submitted");
        }
    }

    /** Its validity ended before it could be (re)submitted. */
    void expire(SubmitJob job) {
        String reason = job.refusals == 0 ? "validity ended before it could be submitted"
                : "validity ended while waiting to retry after " + job.refusals + " refusals (last "
                + CommandStatuses.describe(job.lastCommandStatus) + ")";
        finish(job, Status.EXPIRED, job.lastCommandStatus, reason);
    }
}
