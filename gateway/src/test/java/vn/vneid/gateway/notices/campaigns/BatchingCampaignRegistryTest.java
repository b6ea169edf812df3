package vn.vneid.gateway.notices.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import vn.vneid.gateway.notices.CampaignRegistry;
import vn.vneid.gateway.notices.QuietHours;

class BatchingCampaignRegistryTest {
    /** A registry whose answers the test gives, recording what it was asked. */
    static final class Recording implements CampaignRegistry {
        final List<String> calls = new ArrayList<>();
        final List<CompletableFuture<?>> answers = new ArrayList<>();
        List<ActiveCampaign> running = List.of();

        @Override
        public CompletionStage<List<ActiveCampaign>> running() {
            return CompletableFuture.completedFuture(running);
        }

        @Override
        public CompletionStage<Void> count(String campaignId, String state, long delta) {
            calls.add("count " + campaignId + " " + state + " " + delta);
            CompletableFuture<Void> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        @Override
        public CompletionStage<Boolean> completeIfDone(String campaignId) {
            calls.add("check " + campaignId);
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        @SuppressWarnings("unchecked")
        void answer(int i, Object value) {
            ((CompletableFuture<Object>) answers.get(i)).complete(value);
        }
    }

    final Recording store = new Recording();
    final BatchingCampaignRegistry batching = new BatchingCampaignRegistry(store);

    @Test
    void countsMadeWhileOneIsOnItsWayAreWrittenAsOneSum() {
        CompletionStage<Void> first = batching.count("cmp_1", "submitted", 1);
        List<CompletionStage<Void>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(batching.count("cmp_1", "submitted", 1));
        }
        batching.count("cmp_1", "failed", 1);
        assertThat(store.calls).containsExactly("count cmp_1 submitted 1", "count cmp_1 failed 1");
        store.answer(0, null);
        assertThat(first.toCompletableFuture()).isDone();
        assertThat(store.calls).endsWith("count cmp_1 submitted 5");
        assertThat(later).allSatisfy(c -> assertThat(c.toCompletableFuture()).as("not before its count is written")
                .isNotDone());
        store.answer(2, null);
        assertThat(later).allSatisfy(c -> assertThat(c.toCompletableFuture()).isDone());
    }

    @Test
    void checksAskedForWhileOneRunsAreAnsweredByOneCheckAfterIt() throws Exception {
        CompletionStage<Boolean> first = batching.completeIfDone("cmp_1");
        CompletionStage<Boolean> second = batching.completeIfDone("cmp_1");
        CompletionStage<Boolean> third = batching.completeIfDone("cmp_1");
        store.answer(0, false);
        assertThat(first.toCompletableFuture().get()).isFalse();
        assertThat(store.calls).containsExactly("check cmp_1", "check cmp_1");
        store.answer(1, true);
        assertThat(second.toCompletableFuture().get()).isTrue();
        assertThat(third.toCompletableFuture().get()).isTrue();
    }

    @Test
    void campaignsNoLongerRunningAreForgotten() throws Exception {
        store.running = List.of(new CampaignRegistry.ActiveCampaign("cmp_2", 10, QuietHours.NEVER));
        batching.count("cmp_1", "submitted", 1);   // its count stays in flight: never answered
        batching.running().toCompletableFuture().get();
        batching.count("cmp_1", "submitted", 1);
        assertThat(store.calls).as("a fresh batch, not one waiting behind the forgotten one")
                .containsExactly("count cmp_1 submitted 1", "count cmp_1 submitted 1");
    }
}
