package vn.vneid.gateway.notices.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    /** Batches the writer was given, and the stage it answered for each (completed by the test). */
    final List<List<Integer>> batches = new ArrayList<>();
    final List<CompletableFuture<String>> pending = new ArrayList<>();
    final GroupCommit<Integer, String> commit = new GroupCommit<>(3, items -> {
        batches.add(List.copyOf(items));
        CompletableFuture<String> written = new CompletableFuture<>();
        pending.add(written);
        return items.stream().map(i -> written.thenApply(w -> w + i)).toList();
    });

    @Test
    void anItemAloneIsWrittenAtOnce() throws Exception {
        CompletionStage<String> one = commit.submit(1);
        assertThat(batches).containsExactly(List.of(1));
        pending.get(0).complete("ok");
        assertThat(one.toCompletableFuture().get()).isEqualTo("ok1");
    }

    @Test
    void itemsSubmittedWhileABatchIsOnItsWayGoTogetherInTheNext() throws Exception {
        CompletionStage<String> first = commit.submit(1);
        CompletionStage<String> second = commit.submit(2);
        CompletionStage<String> third = commit.submit(3);
        assertThat(batches).as("one batch in flight at a time").containsExactly(List.of(1));
        pending.get(0).complete("a");
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3));
        assertThat(first.toCompletableFuture().get()).isEqualTo("a1");
        assertThat(second.toCompletableFuture().isDone()).as("done only once its own batch is written").isFalse();
        pending.get(1).complete("b");
        assertThat(second.toCompletableFuture().get()).isEqualTo("b2");
        assertThat(third.toCompletableFuture().get()).isEqualTo("b3");
    }

    @Test
    void aBatchNeverExceedsItsMaximum() {
        commit.submit(0);
        for (int i = 1; i <= 7; i++) {
            commit.submit(i);
        }
        pending.get(0).complete("a");
        pending.get(1).complete("b");
        pending.get(2).complete("c");
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    }

    @Test
    void aFailedBatchFailsItsItemsAndTheNextBatchStillGoes() throws Exception {
        CompletionStage<String> first = commit.submit(1);
        CompletionStage<String> second = commit.submit(2);
        pending.get(0).completeExceptionally(new IllegalStateException("store away"));
        assertThatThrownBy(() -> first.toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("store away");
        pending.get(1).complete("b");
        assertThat(second.toCompletableFuture().get()).isEqualTo("b2");
    }
}
