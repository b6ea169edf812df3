package vn.vneid.smpp.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The carrier's one queue, shared by the windows of every bind: priority messages first, then in arrival order.
 * A requeued message keeps its place (its original sequence number). A message put back to be retried later
 * ({@link #retryAt}, after a throttling or temporary error) waits aside, holding no window slot, and rejoins the
 * queue at its place once its not-before time has come. Nothing here waits: callers on any thread add, the
 * binds' event loops {@link #poll()} when they have a free slot (the carrier wakes them when work arrives).
 */
final class SubmitQueue {
    private static final Comparator<SubmitJob> ORDER = Comparator
            .comparing((SubmitJob j) -> !j.sms.priority())
            .thenComparingLong(j -> j.sequence);
    /** nanoTime values are compared by their difference, which stays right across the long's wrap-around. */
    private static final Comparator<SubmitJob> BY_NOT_BEFORE = (a, b) -> {
        int byTime = Long.signum(a.notBeforeNanos - b.notBeforeNanos);
        return byTime != 0 ? byTime : Long.compare(a.sequence, b.sequence);
    };

    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<SubmitJob> ready = new PriorityQueue<>(1024, ORDER);
    private final PriorityQueue<SubmitJob> waiting = new PriorityQueue<>(64, BY_NOT_BEFORE);

    SubmitQueue() {
        this(System::nanoTime);
    }

    SubmitQueue(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Queues {@code job} to be sent as soon as a sender is free. */
    void add(SubmitJob job) {
        lock.lock();
        try {
            ready.add(job);
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code job} to be sent no earlier than {@code notBeforeNanos} ({@link System#nanoTime()} scale). */
    void retryAt(SubmitJob job, long notBeforeNanos) {
        lock.lock();
        try {
            job.notBeforeNanos = notBeforeNanos;
            waiting.add(job);
        } finally {
            lock.unlock();
        }
    }

    /** The first job that may be sent now; null if none. */
    SubmitJob poll() {
        lock.lock();
        try {
            promoteDue(nanoTime.getAsLong());
            return ready.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many messages of one lane ({@code priority} or not) wait, ready or for a retry, and for how long the
     * oldest has waited, in nanoseconds. Scans the queue: called at scrape time, not on the hot path.
     */
    long[] laneStats(boolean priority, long now) {
        lock.lock();
        try {
            long depth = 0;
            long oldest = 0;
            for (PriorityQueue<SubmitJob> q : List.of(ready, waiting)) {
                for (SubmitJob job : q) {
                    if (job.sms.priority() == priority) {
                        depth++;
                        oldest = Math.max(oldest, now - job.queuedNanos);
                    }
                }
            }
            return new long[] {depth, oldest};
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return ready.size() + waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the messages, ready or waiting, whose validity ended at or before {@code now}. */
    List<SubmitJob> removeExpired(Instant now) {
        List<SubmitJob> expired = new ArrayList<>();
        lock.lock();
        try {
            ready.removeIf(job -> collectIfExpired(job, now, expired));
            waiting.removeIf(job -> collectIfExpired(job, now, expired));
        } finally {
            lock.unlock();
        }
        return expired;
    }

    /** Removes and returns everything, ready or waiting. */
    List<SubmitJob> drain() {
        lock.lock();
        try {
            List<SubmitJob> all = new ArrayList<>(ready);
            all.addAll(waiting);
            ready.clear();
            waiting.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    private void promoteDue(long now) {
        SubmitJob next;
        while ((next = waiting.peek()) != null && next.notBeforeNanos - now <= 0) {
            ready.add(waiting.poll());
        }
    }

    private static boolean collectIfExpired(SubmitJob job, Instant now, List<SubmitJob> expired) {
        if (!now.isBefore(job.sms.validUntil())) {
            expired.add(job);
            return true;
        }
        return false;
    }
}
