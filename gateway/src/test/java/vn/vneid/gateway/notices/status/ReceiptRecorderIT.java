package vn.vneid.gateway.notices.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.ReceiptState;

/**
 * What the stage of {@link ReceiptRecorder#onReceipt} says, on a real Redis: done once the receipt is recorded,
 * failed when Redis is down (so the carrier asks the SMSC to send it again), done without a record for an id
 * nobody knows, and only after the short retry that catches a receipt which outran its own submit.
 */
class ReceiptRecorderIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Msisdn TO = Msisdn.parse("0912345678");
    private RedisConnections connections;
    private RedisMessageStatusStore statuses;
    private ReceiptRecorder recorder;

    @BeforeEach
    void connect() {
        connections = RedisConnections.open(redis.url(), Duration.ofMillis(500));
        statuses = new RedisMessageStatusStore(connections.async(), Duration.ofDays(7), Duration.ofHours(24));
        recorder = new ReceiptRecorder(statuses, new GatewayMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        connections.close();
        if (!redis.server().isRunning()) {
            redis.server().start();
        }
    }

    @Test
    void theStageCompletesOnceTheReceiptIsRecorded() throws Exception {
        submitted("msg_r1", "1a");

        recorder.onReceipt("viettel", delivered("1a")).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(status("msg_r1")).as("recorded by the time the SMSC is answered").isEqualTo("delivered");
    }

    @Test
    void withRedisDownTheStageFailsSoTheReceiptIsNotAcknowledged() {
        submitted("msg_r2", "2a");
        redis.server().stop();

        CompletableFuture<Void> stage = recorder.onReceipt("viettel", delivered("2a")).toCompletableFuture();

        assertThat(stage).failsWithin(WAIT);
    }

    @Test
    void aReceiptThatOutranItsSubmitIsRecordedBeforeItIsAcknowledged() throws Exception {
        statuses.accepted("msg_r3", "client", TO, "notice", "req_test", Instant.now()).toCompletableFuture().join();
        long start = System.nanoTime();
        // The receipt's first look (one connection: Redis sees it before the submit's record) finds nothing.
        CompletableFuture<Void> stage = recorder.onReceipt("viettel", delivered("3a")).toCompletableFuture();
        statuses.submitted("msg_r3", TO, SubmitResult.accepted("viettel", List.of("3a"), Duration.ofMillis(2)),
                Instant.now()).toCompletableFuture().join();

        stage.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered after the retry")
                .isGreaterThanOrEqualTo(ReceiptRecorder.RETRY_DELAYS[0]);
        assertThat(status("msg_r3")).isEqualTo("delivered");
    }

    @Test
    void aReceiptNobodyKnowsIsAcknowledgedAfterTheFirstRetryNotAfterTheLast() throws Exception {
        long start = System.nanoTime();

        recorder.onReceipt("viettel", delivered("ffff")).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(ReceiptRecorder.RETRY_DELAYS[0])
                .as("the last try comes 2 s after the first retry").isLessThan(ReceiptRecorder.RETRY_DELAYS[1]);
    }

    @Test
    void aReceiptThatIsNotFinalNeedsNothing() {
        DeliveryReceipt enroute = new DeliveryReceipt("4a", ReceiptState.ENROUTE, "000", 1, 0, null, null);

        assertThat(recorder.onReceipt("viettel", enroute).toCompletableFuture()).isCompleted();
    }

    private void submitted(String messageId, String smscId) {
        statuses.accepted(messageId, "client", TO, "notice", "req_test", Instant.now()).toCompletableFuture().join();
        statuses.submitted(messageId, TO, SubmitResult.accepted("viettel", List.of(smscId), Duration.ofMillis(2)),
                Instant.now()).toCompletableFuture().join();
    }

    private static DeliveryReceipt delivered(String smscId) {
        return new DeliveryReceipt(smscId, ReceiptState.DELIVRD, "000", 1, 1, null, null);
    }

    private String status(String messageId) {
        return statuses.find(messageId).toCompletableFuture().join().orElseThrow().fields().get("status");
    }
}
