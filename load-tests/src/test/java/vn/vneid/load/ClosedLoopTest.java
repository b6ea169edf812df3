package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private final ExecutorService server = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void everyRequestIsSentOnceAndNoMoreThanOnePerConnectionIsOutstanding() throws Exception {
        int requests = 5_000;
        int connections = 16;
        AtomicIntegerArray sends = new AtomicIntegerArray(requests);
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger maxOutstanding = new AtomicInteger();
        LoadResult result = new LoadResult(202);
        ClosedLoop loop = new ClosedLoop(requests, connections, GENEROUS);

        boolean ended = loop.run(i -> {
            sends.incrementAndGet((int) i);
            maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            Promise<Integer> answer = Promise.promise();
            server.execute(() -> {
                outstanding.decrementAndGet();
                answer.complete(202);
            });
            return answer.future();
        }, result, GENEROUS);
        result.finish();

        assertThat(ended).isTrue();
        for (int i = 0; i < requests; i++) {
            assertThat(sends.get(i)).as("sends of request %d", i).isEqualTo(1);
        }
        assertThat(maxOutstanding.get()).isBetween(1, connections);
        assertThat(result.accepted()).isEqualTo(requests);
        assertThat(result.errors()).isZero();
        assertThat(result.acceptedLatency().getTotalCount()).isEqualTo(requests);
    }

    @Test
    void answersThatCompleteAtOnceOrFailAreCountedWithoutDeepeningTheStack() throws Exception {
        int requests = 200_000;
        LoadResult result = new LoadResult(202);
        ClosedLoop loop = new ClosedLoop(requests, 2, GENEROUS);

        boolean ended = loop.run(i -> i % 2 == 0 ? Future.succeededFuture(202)
                : Future.failedFuture(new java.io.IOException("refused")), result, GENEROUS);
        result.finish();

        assertThat(ended).isTrue();
        assertThat(result.accepted()).isEqualTo(requests / 2);
        assertThat(result.errors()).isEqualTo(requests / 2);
        assertThat(loop.claimed()).isEqualTo(requests);
    }

    @Test
    void aServerThatNeverAnswersEndsTheRunAtTheTimeLimitWithEachConnectionsRequestUnfinished() throws Exception {
        int connections = 8;
        LoadResult result = new LoadResult(202);
        ClosedLoop loop = new ClosedLoop(1_000, connections, Duration.ofMillis(200));
        ConcurrentHashMap<Long, Boolean> sent = new ConcurrentHashMap<>();

        boolean ended = loop.run(i -> {
            sent.put(i, true);
            return Promise.<Integer>promise().future();
        }, result, Duration.ofMillis(300));
        result.finish();

        assertThat(ended).isFalse();
        assertThat(sent).hasSize(connections);
        assertThat(result.errors()).as("unfinished requests are errors").isEqualTo(connections);
        assertThat(result.accepted()).isZero();
    }
}
