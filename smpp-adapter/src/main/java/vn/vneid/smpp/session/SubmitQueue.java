package vn.vneid.smpp.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The carrier's one queue, shared by every sender thread of every bind: priority messages first, then in
 * arrival order. A requeued message keeps its place (its original sequence number).
 */
final class SubmitQueue {
    private static final Comparator<SubmitJob> ORDER = Comparator
            .comparing((SubmitJob j) -> !j.sms.priority())
            .thenComparingLong(j -> j.sequence);

    private final PriorityBlockingQueue<SubmitJob> queue = new PriorityBlockingQueue<>(1024, ORDER);

    void add(SubmitJob job) {
        queue.add(job);
    }

    SubmitJob poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    int size() {
        return queue.size();
    }

    /** Removes and returns the messages whose validity ended at or before {@code now}. */
    List<SubmitJob> removeExpired(Instant now) {
        List<SubmitJob> expired = new ArrayList<>();
        queue.removeIf(job -> {
            if (!now.isBefore(job.sms.validUntil())) {
                expired.add(job);
                return true;
            }
            return false;
        });
        return expired;
    }

    List<SubmitJob> drain() {
        List<SubmitJob> all = new ArrayList<>();
        queue.drainTo(all);
        return all;
    }
}
