package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.SmppMetricNames;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;
import vn.vneid.smpp.receipt.ReceiptState;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;
import vn.vneid.smpp.simulator.SmscSimulatorBuilder;

/** A real jSMPP client (JsmppCarrier) against the SmscSimulator on loopback. */
class JsmppCarrierIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Msisdn TO = Msisdn.parse("0912345678");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void oneMessageArrivesWithBrandnameDestinationAndTextAndIsAcceptedWithTheSmscId() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 4));

        SubmitResult result = get(carrier.submit(sms("m1", "Ma OTP VNeID cua ban la 123456", false)));

        ReceivedSms received = smsc.awaitMessageTo("84912345678", WAIT);
        assertThat(result.status()).isEqualTo(Status.ACCEPTED);
        assertThat(result.carrier()).isEqualTo("test");
        assertThat(result.segments()).isEqualTo(1);
        assertThat(result.smscMessageId()).isEqualTo(received.smscMessageId());
        assertThat(received.from()).isEqualTo("VNeID");
        assertThat(received.to()).isEqualTo("84912345678");
        assertThat(received.text()).isEqualTo("Ma OTP VNeID cua ban la 123456");
        assertThat(received.encoding()).isEqualTo("gsm7");
        assertThat(carrier.isAvailable()).isTrue();
        assertThat(carrier.pending()).isZero();
        assertThat(registry.get(SmppMetricNames.SUBMITTED).tag("result", "accepted").counter().count()).isEqualTo(1);
        assertThat(registry.get(SmppMetricNames.SESSIONS_BOUND).gauge().value()).isEqualTo(1);
        assertThat(registry.get(SmppMetricNames.SUBMIT_LATENCY).timer().count()).isEqualTo(1);
    }

    @Test
    void longVietnameseMessageArrivesAsUcs2SegmentsReassembledToTheSameText() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 4));
        String text = "Mã xác thực VNeID của bạn là 482913. Mã có hiệu lực trong 5 phút. Tuyệt đối không "
                + "cung cấp mã này cho bất kỳ ai, kể cả người tự xưng là cán bộ công an hay nhân viên ngân hàng.";

        SubmitResult result = get(carrier.submit(sms("long", text, false)));

        ReceivedSms received = smsc.awaitMessageTo("84912345678", WAIT);
        assertThat(result.status()).isEqualTo(Status.ACCEPTED);
        assertThat(result.segments()).isEqualTo(3);
        assertThat(result.smscMessageIds()).hasSize(3).doesNotHaveDuplicates();
        assertThat(received.segments()).isEqualTo(3);
        assertThat(received.encoding()).isEqualTo("ucs2");
        assertThat(received.text()).isEqualTo(text);
        assertThat(received.smscMessageId()).isEqualTo(result.smscMessageId());
        assertThat(registry.get(SmppMetricNames.SEGMENTS).tag("encoding", "ucs2").counter().count()).isEqualTo(3);
    }

    @Test
    void twoThousandConcurrentSubmitsAllArriveWithSeveralInFlightButNeverMoreThanTheWindow() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(1)));
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 32));

        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            futures.add(carrier.submit(sms("bulk-" + i, "Thong bao so " + i, false)).toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(Status.ACCEPTED));
        smsc.awaitMessages(2000, WAIT);
        assertThat(smsc.messages().stream().map(ReceivedSms::text).collect(Collectors.toSet())).hasSize(2000);
        assertThat(smsc.maxConcurrentSubmits()).isGreaterThan(1).isLessThanOrEqualTo(32);
        assertThat(carrier.pending()).isZero();
    }

    @Test
    void twoBindsShareTheQueueAndTheWindowIsBindsTimesWindow() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(2)));
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 2, 4));
        awaitTrue(() -> smsc.boundSessions() == 2, "both binds up");

        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(carrier.submit(sms("b-" + i, "msg " + i, false)).toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(Status.ACCEPTED));
        assertThat(smsc.maxConcurrentSubmits()).isGreaterThan(4).isLessThanOrEqualTo(8);
    }

    @Test
    void receiptsReachTheListenerForEverySegmentWithTheNormalisedIdsSubmitReturned() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().receiptDelay(Duration.ofMillis(20)));
        Map<String, DeliveryReceipt> receipts = new ConcurrentHashMap<>();
        CountDownLatch six = new CountDownLatch(6);
        ReceiptListener listener = (carrierName, receipt) -> {
            assertThat(carrierName).isEqualTo("test");
            receipts.put(receipt.smscMessageId(), receipt);
            six.countDown();
            return ReceiptListener.DONE;
        };
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 4), listener);

        Set<String> submittedIds = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String text = i == 0 ? "ạ".repeat(100) : "otp " + i;   // one 2-part message: a receipt per segment
            get(carrier.submit(sms("r" + i, text, false))).smscMessageIds()
                    .forEach(id -> submittedIds.add(DeliveryReceiptParser.normaliseId(id)));
        }

        assertThat(six.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("6 receipts").isTrue();
        assertThat(submittedIds).hasSize(6);
        assertThat(receipts.keySet()).isEqualTo(submittedIds);
        assertThat(receipts.values()).allSatisfy(r -> assertThat(r.state()).isEqualTo(ReceiptState.DELIVRD));
        // Counted once the listener's stage completes, just after it returns.
        awaitTrue(() -> registry.get(SmppMetricNames.RECEIPTS).tag("status", "delivrd").counter().count() == 6,
                "6 receipts counted");
    }

    @Test
    void afterTheSmscGoesAwayAndComesBackOnTheSamePortTheCarrierRebindsAndNoQueuedMessageIsLost() throws Exception {
        SmscSimulatorBuilder builder = SmscSimulator.builder().submitLatency(Duration.ofMillis(5));
        SmscSimulator first = simulator(builder);
        int port = first.port();
        CarrierConfig config = new CarrierConfig("test", "127.0.0.1", port, "vneid", "secret", "", 1, 4, 100_000,
                "VNeID", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(300));
        JsmppCarrier carrier = boundCarrier(config);

        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(carrier.submit(sms("rc-" + i, "reconnect " + i, false)).toCompletableFuture());
        }
        first.awaitMessages(30, WAIT);
        first.close();
        awaitTrue(() -> !carrier.isAvailable(), "carrier notices the SMSC is gone");
        assertThat(carrier.pending()).isGreaterThan(0);
        SmscSimulator second = simulator(builder.port(port).firstMessageId(1_000_000));
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        Set<String> arrived = new HashSet<>();
        first.messages().forEach(m -> arrived.add(m.text()));
        second.messages().forEach(m -> arrived.add(m.text()));
        List<SubmitResult> results = futures.stream().map(CompletableFuture::join).toList();
        assertThat(results).allSatisfy(r -> assertThat(r.status()).isIn(Status.ACCEPTED, Status.UNKNOWN));
        // Only submits in flight when the connection dropped may be UNKNOWN: at most the window.
        assertThat(results).filteredOn(r -> r.status() == Status.UNKNOWN).hasSizeLessThanOrEqualTo(4);
        for (int i = 0; i < 300; i++) {
            if (results.get(i).status() == Status.ACCEPTED) {
                assertThat(arrived).contains("reconnect " + i);
            }
        }
        assertThat(second.receivedCount()).isGreaterThan(0);
        assertThat(carrier.isAvailable()).isTrue();
    }

    @Test
    void throttledSubmitsAreRetriedUntilAcceptedAndNoneIsLost() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().throttleFraction(0.3));
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 8));

        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(carrier.submit(sms("t-" + i, "throttle " + i, false)).toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(Status.ACCEPTED));
        assertThat(smsc.receivedCount()).isEqualTo(200);
        assertThat(smsc.messages().stream().map(ReceivedSms::text).distinct().count()).isEqualTo(200);
        assertThat(smsc.throttledCount()).isGreaterThan(0);
        assertThat(registry.get(SmppMetricNames.THROTTLED).counter().count()).isEqualTo(smsc.throttledCount());
    }

    @Test
    void priorityMessageOvertakesFiveHundredQueuedNormalOnes() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(3)));
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 2));

        List<CompletableFuture<SubmitResult>> normal = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            normal.add(carrier.submit(sms("n-" + i, "normal " + i, false)).toCompletableFuture());
        }
        SubmitResult otp = get(carrier.submit(sms("otp", "OTP 111222", true)));
        CompletableFuture.allOf(normal.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(otp.status()).isEqualTo(Status.ACCEPTED);
        List<String> order = smsc.messages().stream().map(ReceivedSms::text).toList();
        assertThat(order).hasSize(501);
        assertThat(order.indexOf("OTP 111222")).isLessThan(50);
    }

    @Test
    void messageAlreadyPastItsValidityIsExpiredAndNeverSent() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 4));
        OutboundSms stale = new OutboundSms("stale", TO, "old OTP", Instant.now().minusSeconds(1), true);

        SubmitResult expired = get(carrier.submit(stale));
        SubmitResult fresh = get(carrier.submit(sms("fresh", "new OTP", true)));

        assertThat(expired.status()).isEqualTo(Status.EXPIRED);
        assertThat(fresh.status()).isEqualTo(Status.ACCEPTED);
        assertThat(smsc.submitSmCount()).isEqualTo(1);
        assertThat(smsc.messages()).extracting(ReceivedSms::text).containsExactly("new OTP");
        assertThat(registry.get(SmppMetricNames.SUBMITTED).tag("result", "expired").counter().count()).isEqualTo(1);
    }

    @Test
    void messageQueuedWhileNoSmscIsReachableExpiresWhenItsValidityEnds() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        int port = smsc.port();
        smsc.close();   // nothing listens there now
        JsmppCarrier carrier = new JsmppCarrier(config(port, 1, 4), ReceiptListener.IGNORE, registry, Clock.systemUTC());
        toClose.add(carrier);
        carrier.start();

        CompletableFuture<SubmitResult> f = carrier.submit(new OutboundSms("q", TO, "OTP", Instant.now()
                .plusMillis(300), true)).toCompletableFuture();

        assertThat(carrier.pending()).isEqualTo(1);
        assertThat(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).status()).isEqualTo(Status.EXPIRED);
        assertThat(carrier.pending()).isZero();
        assertThat(carrier.isAvailable()).isFalse();
    }

    @Test
    void closeWithMessagesInFlightCompletesEveryFutureAndStopsItsThreads() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(200)));
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 1, 4));
        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(carrier.submit(sms("c-" + i, "closing " + i, false)).toCompletableFuture());
        }
        awaitTrue(() -> smsc.submitSmCount() >= 4, "4 submits in flight");

        carrier.close();

        assertThat(futures).allSatisfy(f -> assertThat(f).isDone());
        List<SubmitResult> results = futures.stream().map(CompletableFuture::join).toList();
        assertThat(results).filteredOn(r -> r.status() == Status.ACCEPTED).hasSizeGreaterThanOrEqualTo(4);
        assertThat(results).filteredOn(r -> r.status() == Status.REJECTED_TEMPORARY).isNotEmpty()
                .allSatisfy(r -> assertThat(r.reason()).contains("closing"));
        assertThat(get(carrier.submit(sms("late", "after close", false))).reason()).isEqualTo("closing");
        assertThat(carrier.pending()).isZero();
        assertThat(carrier.isAvailable()).isFalse();
    }

    @Test
    void theThreadCountDoesNotDependOnTheWindow() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(200)));
        JsmppCarrier carrier = boundCarrier(config(smsc.port(), 2, 100));
        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(carrier.submit(sms("w-" + i, "window " + i, false)).toCompletableFuture());
        }
        awaitTrue(() -> smsc.submitSmCount() >= 150, "most of two windows of 100 in flight");

        List<String> smppThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("smpp-")).map(Thread::getName).toList();
        assertThat(smppThreads).as("threads of a carrier with 2 binds x window 100 in flight")
                .hasSizeLessThanOrEqualTo(2).allMatch(name -> name.startsWith("smpp-io-"));
        carrier.close();
        assertThat(futures).allSatisfy(f -> assertThat(f).isDone());
    }

    // --- helpers ---

    private SmscSimulator simulator(SmscSimulatorBuilder builder) {
        SmscSimulator smsc = builder.start();
        toClose.add(smsc);
        return smsc;
    }

    private JsmppCarrier boundCarrier(CarrierConfig config) throws Exception {
        return boundCarrier(config, ReceiptListener.IGNORE);
    }

    private JsmppCarrier boundCarrier(CarrierConfig config, ReceiptListener listener) throws Exception {
        JsmppCarrier carrier = new JsmppCarrier(config, listener, registry, Clock.systemUTC());
        toClose.add(carrier);
        carrier.start();
        carrier.awaitBound().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return carrier;
    }

    private static CarrierConfig config(int port, int binds, int window) {
        return new CarrierConfig("test", "127.0.0.1", port, "vneid", "secret", "", binds, window, 100_000, "VNeID",
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(500));
    }

    private static OutboundSms sms(String id, String text, boolean priority) {
        return new OutboundSms(id, TO, text, Instant.now().plusSeconds(60), priority);
    }

    private static SubmitResult get(java.util.concurrent.CompletionStage<SubmitResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
