package vn.vneid.gateway.notices.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.notices.MessageView;
import vn.vneid.gateway.notices.ReceiptOutcome;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.ReceiptState;

/** Message status on a real Redis: receipts per segment, duplicates, late receipts and receipts that never come. */
class RedisMessageStatusStoreIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration RECEIPT_TIMEOUT = Duration.ofHours(24);
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisMessageStatusStore store;

    @BeforeEach
    void connect() {
        client = RedisClient.create(redis.url());
        connection = client.connect();
        store = new RedisMessageStatusStore(connection.async(), Duration.ofDays(7), RECEIPT_TIMEOUT);
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void aLongMessageIsDeliveredOnlyWhenEverySegmentIs() {
        submit("msg_a", "0A", "0B", "0C");
        assertThat(receipt("a", ReceiptState.DELIVRD).kind()).isEqualTo(ReceiptOutcome.Kind.COUNTED);
        assertThat(receipt("A", ReceiptState.DELIVRD).kind()).as("same segment, other case").isEqualTo(ReceiptOutcome.Kind.DUPLICATE);
        assertThat(receipt("b", ReceiptState.DELIVRD).kind()).isEqualTo(ReceiptOutcome.Kind.COUNTED);
        assertThat(status("msg_a")).isEqualTo("submitted");
        ReceiptOutcome last = receipt("c", ReceiptState.DELIVRD);
        assertThat(last.kind()).isEqualTo(ReceiptOutcome.Kind.SETTLED);
        assertThat(last.submittedAt()).isEqualTo(T0);
        assertThat(status("msg_a")).isEqualTo("delivered");
    }

    @Test
    void oneFailedSegmentFailsTheMessage() {
        submit("msg_b", "1", "2");
        receipt("1", ReceiptState.DELIVRD);
        assertThat(receipt("2", ReceiptState.UNDELIV).kind()).isEqualTo(ReceiptOutcome.Kind.SETTLED);
        MessageView view = store.find("msg_b").toCompletableFuture().join().orElseThrow();
        assertThat(view.fields()).containsEntry("status", "failed");
        assertThat(view.fields().get("reason")).contains("UNDELIV");
    }

    @Test
    void aReceiptForAnUnknownIdFindsNoMessage() {
        assertThat(receipt("ffff", ReceiptState.DELIVRD).kind()).isEqualTo(ReceiptOutcome.Kind.NO_MESSAGE);
    }

    @Test
    void messagesWithoutReceiptsExpireAfterTheTimeoutAndLateReceiptsChangeNothing() {
        submit("msg_c", "77");
        submit("msg_d", "78");
        assertThat(store.expireOverdue(T0.plus(RECEIPT_TIMEOUT).minusSeconds(1)).toCompletableFuture().join()).isZero();
        receipt("78", ReceiptState.DELIVRD);
        assertThat(store.expireOverdue(T0.plus(RECEIPT_TIMEOUT)).toCompletableFuture().join()).isEqualTo(1);
        assertThat(status("msg_c")).isEqualTo("expired");
        assertThat(status("msg_d")).isEqualTo("delivered");
        assertThat(receipt("77", ReceiptState.DELIVRD).kind()).isEqualTo(ReceiptOutcome.Kind.ALREADY_SETTLED);
        assertThat(status("msg_c")).isEqualTo("expired");
        assertThat(redis.commands().zcard(RedisMessageStatusStore.RECEIPTS_DUE)).isZero();
    }

    @Test
    void aReceiptFromTheHandsetSettlesASubmitThatGotNoResponse() {
        Msisdn to = Msisdn.parse("0961000080");
        store.accepted("msg_u", "client", to, "otp:LOGIN", "req_test", T0).toCompletableFuture().join();
        store.submitted("msg_u", to, SubmitResult.failed(SubmitResult.Status.UNKNOWN, "viettel", 1, 0,
                "no submit_sm_resp in time", Duration.ofSeconds(5)), T0).toCompletableFuture().join();
        assertThat(status("msg_u")).isEqualTo("unknown");
        DeliveryReceipt late = new DeliveryReceipt("9f", ReceiptState.DELIVRD, "000", 1, 1, null, null, to.international());

        assertThat(store.receipt("viettel", late, T0.plusSeconds(9), false).toCompletableFuture().join().kind())
                .as("not before the last try").isEqualTo(ReceiptOutcome.Kind.NO_MESSAGE);
        assertThat(store.receipt("mobifone", late, T0.plusSeconds(9), true).toCompletableFuture().join().kind())
                .as("another carrier's receipt").isEqualTo(ReceiptOutcome.Kind.NO_MESSAGE);
        assertThat(store.receipt("viettel", late, T0.plusSeconds(9), true).toCompletableFuture().join().kind())
                .isEqualTo(ReceiptOutcome.Kind.SETTLED);
        assertThat(status("msg_u")).isEqualTo("delivered");
        assertThat(store.receipt("viettel", late, T0.plusSeconds(10), true).toCompletableFuture().join().kind())
                .as("the same receipt again").isEqualTo(ReceiptOutcome.Kind.DUPLICATE);
    }

    private void submit(String messageId, String... smscIds) {
        store.accepted(messageId, "client", Msisdn.parse("0912345678"), "notice", "req_test", T0).toCompletableFuture().join();
        store.submitted(messageId, Msisdn.parse("0912345678"), SubmitResult.accepted("viettel", List.of(smscIds),
                        Duration.ofMillis(3)), T0)
                .toCompletableFuture().join();
    }

    private ReceiptOutcome receipt(String smscId, ReceiptState state) {
        DeliveryReceipt r = new DeliveryReceipt(smscId, state, "000", 1, state == ReceiptState.DELIVRD ? 1 : 0, null, null);
        return store.receipt("viettel", r, T0.plusSeconds(5)).toCompletableFuture().join();
    }

    private String status(String messageId) {
        return store.find(messageId).toCompletableFuture().join().orElseThrow().fields().get("status");
    }
}
