package vn.vneid.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A closed-loop sender, shaped like the usual {@code sendsms} load on an SMS gateway: {@code concurrency} chains (one
 * per keep-alive connection), each sending its next request when the answer to its previous one arrives, until
 * {@code requests} are sent or {@code timeLimit} has passed. Request {@code i} is claimed once, by whichever chain is
 * free. Latency is measured from the actual send to the answer's head (in a closed loop the server sets the pace, so
 * there is no intended time to count from); it lands in a {@link LoadResult} like the open-model runs'.
 */
final class ClosedLoop {
    /** What request {@code i} is; the future completes with its HTTP status. */
    interface Sender {
        Future<Integer> send(long i);
    }

    private final long requests;
    private final int concurrency;
    private final Duration timeLimit;
    private final AtomicLong next = new AtomicLong();
    private final LongAccumulator lastAnswerNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private volatile long deadlineNanos;

    ClosedLoop(long requests, int concurrency, Duration timeLimit) {
        this.requests = requests;
        this.concurrency = concurrency;
        this.timeLimit = timeLimit;
    }

    /**
     * Sends until done and returns once every chain has its last answer, or {@code timeLimit} plus {@code straggle}
     * has passed (what is then unanswered counts as unfinished when {@code result} is finished by the caller).
     *
     * @return whether every chain ended (all requests sent and answered, or the time limit reached)
     */
    boolean run(Sender sender, LoadResult result, Duration straggle) throws InterruptedException {
        long start = System.nanoTime();
        deadlineNanos = start + timeLimit.toNanos();
        CountDownLatch chains = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            chain(sender, result, chains);
        }
        return chains.await(timeLimit.plus(straggle).toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Requests claimed by a chain (sent, or about to be). */
    long claimed() {
        return Math.min(next.get(), requests);
    }

    /** When the last answer arrived ({@link System#nanoTime()}), {@link Long#MIN_VALUE} before the first. */
    long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    /** One chain: sends, and on each answer the next; loops rather than recursing when a send fails at once. */
    private void chain(Sender sender, LoadResult result, CountDownLatch chains) {
        while (true) {
            long i = claim();
            if (i < 0) {
                chains.countDown();
                return;
            }
            result.onSent();
            long sentAt = System.nanoTime();
            Future<Integer> answer = sender.send(i);
            if (!answer.isComplete()) {
                answer.onComplete(done -> {
                    record(done, sentAt, result);
                    chain(sender, result, chains);
                });
                return;
            }
            record(answer, sentAt, result);
        }
    }

    private long claim() {
        if (System.nanoTime() - deadlineNanos >= 0) {
            return -1;
        }
        long i = next.getAndIncrement();
        return i < requests ? i : -1;
    }

    private void record(AsyncResult<Integer> answer, long sentAt, LoadResult result) {
        long now = System.nanoTime();
        lastAnswerNanos.accumulate(now);
        if (answer.succeeded()) {
            result.onResponse(answer.result(), sentAt, now);
        } else {
            result.onFailure(answer.cause());
        }
    }
}
