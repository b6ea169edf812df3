package vn.vneid.gateway.notices.queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Group commit: items submitted while a batch is being written wait and go together in the next batch, so under
 * load one round trip to Redis carries many items, while an item that comes alone is written at once (no timer,
 * no added latency). One batch is in flight at a time, of at most {@code maxBatch} items. Each item's stage
 * completes with its own result once its batch is written, or fails with the batch's failure. Thread-safe:
 * items come from any thread; batches are written from the thread that submits or that completes the last one.
 *
 * @param <T> what is submitted
 * @param <R> what each item's stage completes with
 */
public final class GroupCommit<T, R> {
    private final Function<List<T>, List<? extends CompletionStage<R>>> writer;
    private final int maxBatch;
    private final Object lock = new Object();
    private List<Item<T, R>> waiting = new ArrayList<>();
    private boolean writing;

    /**
     * {@code writer} sends a batch (pipelined: every command issued before any answer is awaited) and answers one
     * stage per item, in order; the next batch goes once all of them completed.
     */
    public GroupCommit(int maxBatch, Function<List<T>, List<? extends CompletionStage<R>>> writer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.writer = writer;
    }

    /** Queues {@code item} for the next batch (written at once if none is in flight). */
    public CompletionStage<R> submit(T item) {
        CompletableFuture<R> done = new CompletableFuture<>();
        List<Item<T, R>> batch = null;
        synchronized (lock) {
            waiting.add(new Item<>(item, done));
            if (!writing) {
                writing = true;
                batch = take();
            }
        }
        if (batch != null) {
            write(batch);
        }
        return done;
    }

    private List<Item<T, R>> take() {
        if (waiting.size() <= maxBatch) {
            List<Item<T, R>> all = waiting;
            waiting = new ArrayList<>();
            return all;
        }
        List<Item<T, R>> some = new ArrayList<>(waiting.subList(0, maxBatch));
        waiting.subList(0, maxBatch).clear();
        return some;
    }

    private void write(List<Item<T, R>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(i -> items.add(i.item()));
        List<? extends CompletionStage<R>> written;
        try {
            written = writer.apply(items);
        } catch (RuntimeException e) {
            written = Collections.nCopies(items.size(), CompletableFuture.<R>failedFuture(e));
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<R> done = batch.get(i).done();
            all[i] = written.get(i).toCompletableFuture().whenComplete((r, e) -> {
                if (e != null) {
                    done.completeExceptionally(e instanceof CompletionException && e.getCause() != null
                            ? e.getCause() : e);
                } else {
                    done.complete(r);
                }
            });
        }
        CompletableFuture.allOf(all).whenComplete((v, e) -> {
            List<Item<T, R>> next;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    writing = false;
                    return;
                }
                next = take();
            }
            write(next);
        });
    }

    private record Item<T, R>(T item, CompletableFuture<R> done) {
    }
}
