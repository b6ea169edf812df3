package vn.vneid.load;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-model send loop every scenario shares: request {@code i} of an {@link ArrivalSchedule} is sent at its
 * intended time (or, when the loop wakes late, as soon after as it can, never skipped: its latency still counts
 * from the intended time); a request due while {@code maxInFlight} are outstanding is counted as dropped instead.
 * What a request is, and where its answer is counted, is the scenario's {@link Requests}.
 */
final class OpenLoop {
    private static final Duration POLL = Duration.ofMillis(20);

    /** What a scenario sends. */
    interface Requests {
        /** Where request {@code i} is counted (its phase and, for a mix, its class). */
        LoadResult resultFor(long i, boolean warmup);

        /** Sends request {@code i}; the future completes once its answer or failure is recorded in {@code result}. */
        Future<?> send(long i, long intendedNanos, LoadResult result);
    }

    private final ArrivalSchedule schedule;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private long maxSendLagNanos;

    OpenLoop(ArrivalSchedule schedule, int maxInFlight) {
        this.schedule = schedule;
        this.maxInFlight = maxInFlight;
    }

    /** Sends every request of the schedule, counted from {@code start} ({@link System#nanoTime()}); returns when the last is sent. */
    void run(long start, Requests requests) {
        long next = 0;
        while (next < schedule.count()) {
            long now = System.nanoTime();
            for (long due = schedule.dueAt(Math.min(now - start, schedule.totalNanos())); next < due; next++) {
                long intended = start + schedule.offsetNanos(next);
                maxSendLagNanos = Math.max(maxSendLagNanos, now - intended);
                LoadResult result = requests.resultFor(next, schedule.isWarmup(next));
                if (inFlight.get() >= maxInFlight) {
                    result.onDropped();
                    continue;
                }
                inFlight.incrementAndGet();
                result.onSent();
                requests.send(next, intended, result).onComplete(done -> inFlight.decrementAndGet());
            }
            if (next < schedule.count()) {
                LockSupport.parkNanos(start + schedule.offsetNanos(next) - System.nanoTime());
            }
        }
    }

    /** Waits until every request sent has its answer, or {@code timeout} has passed. */
    void awaitAnswers(Duration timeout) {
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - giveUpAt < 0) {
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** How far behind its intended time the latest-sent request went out. */
    long maxSendLagNanos() {
        return maxSendLagNanos;
    }
}
