package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.jsmpp.bean.BindType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.BindMode;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.LongMessageMode;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptIdFormat;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.ResponseTimeoutPolicy;
import vn.vneid.smpp.SmppMetricNames;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.encoding.EncodedSms;
import vn.vneid.smpp.encoding.SmsEncoder;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;
import vn.vneid.smpp.simulator.SmscSimulatorBuilder;

/** JsmppCarrier against a misbehaving SmscSimulator: crashes, throttling, silence, refusals, shutdown. */
class CarrierFaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
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
    void carrierKilledMidStreamReconnectsAndLosesOrDuplicatesNothingThatWasAnswered() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(1)));
        CarrierConfig config = config("kill", smsc.port(), 1, 16, 100_000, Duration.ofSeconds(1),
                BindMode.TRANSCEIVER, ResponseTimeoutPolicy.NEVER_RESEND);
        JsmppCarrier carrier = boundCarrier(config);
        smsc.dropConnectionsAfter(300);

        List<SubmitResult> results = submitAll(carrier, "kill", 1000);

        assertThat(results).allSatisfy(r -> assertThat(r.status()).isIn(Status.ACCEPTED, Status.UNKNOWN));
        assertThat(results).filteredOn(r -> r.status() == Status.UNKNOWN).hasSizeLessThanOrEqualTo(16);
        Set<String> arrived = smsc.messages().stream().map(ReceivedSms::text).collect(Collectors.toSet());
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).accepted()) {
                assertThat(arrived).contains("kill " + i);
            }
        }
        assertThat(carrier.bindAttempts()).as("reconnected").isGreaterThanOrEqualTo(2);
        assertThat(carrier.isAvailable()).isTrue();
        // Only resends (a submit whose bytes may have reached the SMSC without an answer) can duplicate.
        assertThat((double) smsc.duplicateCount()).isLessThanOrEqualTo(resends("connection_lost") + resends("timeout"));
        assertThat(resends("timeout")).isZero();
    }

    @Test
    void throttlingOnThirtyPercentOfSubmitsLowersTheRateAndLosesNothing() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        // The rate is judged once per second of answers: a cap low enough that the 1,000 messages take longer.
        int cap = 1_000;
        JsmppCarrier carrier = boundCarrier(config("throttle", smsc.port(), 1, 8, cap, Duration.ofSeconds(2),
                BindMode.TRANSCEIVER, ResponseTimeoutPolicy.NEVER_RESEND));
        smsc.throttleFraction(0.3);
        DoubleSupplier gauge = () -> registry.get(SmppMetricNames.RATE_LIMIT).gauge().value();
        assertThat(gauge.getAsDouble()).isEqualTo(cap);

        List<CompletableFuture<SubmitResult>> futures = submit(carrier, "throttle", 1000);
        double lowestSeen = cap;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!futures.stream().allMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
            lowestSeen = Math.min(lowestSeen, gauge.getAsDouble());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        List<SubmitResult> results = joinAll(futures);

        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.ACCEPTED));
        assertThat(smsc.receivedCount()).isEqualTo(1000);
        assertThat(smsc.duplicateCount()).isZero();
        assertThat(smsc.messages().stream().map(ReceivedSms::text).distinct().count()).isEqualTo(1000);
        assertThat(smsc.throttledCount()).isGreaterThan(0);
        assertThat(registry.get(SmppMetricNames.THROTTLED).counter().count()).isEqualTo(smsc.throttledCount());
        assertThat(lowestSeen).as("smpp_rate_limit went below the cap").isLessThan(cap)
                .isGreaterThanOrEqualTo(cap / 100.0);
        assertThat(carrier.rate().lowest()).isLessThan(cap).isGreaterThanOrEqualTo(cap / 100.0);
        assertThat(gauge.getAsDouble()).isLessThanOrEqualTo(cap);
    }

    @Test
    void twoThousandConcurrentSubmitsNeverExceedBindsTimesWindowEvenWhileRetrying() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(2)));
        JsmppCarrier carrier = boundCarrier(config("window", smsc.port(), 2, 8, 100_000, Duration.ofSeconds(2),
                BindMode.TRANSCEIVER, ResponseTimeoutPolicy.NEVER_RESEND));
        awaitTrue(() -> smsc.boundSessions() == 2, "both binds up");
        smsc.throttleFraction(0.1);
        DoubleSupplier inFlight = () -> registry.get(SmppMetricNames.WINDOW_IN_FLIGHT).gauge().value();

        List<CompletableFuture<SubmitResult>> futures = submit(carrier, "window", 2000);
        double mostInFlight = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!futures.stream().allMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
            mostInFlight = Math.max(mostInFlight, inFlight.getAsDouble());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }

        assertThat(joinAll(futures)).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.ACCEPTED));
        assertThat(mostInFlight).isGreaterThan(1).isLessThanOrEqualTo(16);
        assertThat(smsc.maxConcurrentSubmits()).isGreaterThan(8).isLessThanOrEqualTo(16);
        assertThat(inFlight.getAsDouble()).isZero();
    }

    @Test
    void unresponsiveSmscGivesUnknownAndNothingIsResentByDefault() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        JsmppCarrier carrier = boundCarrier(config("silent", smsc.port(), 1, 4, 100_000, Duration.ofMillis(500),
                BindMode.TRANSCEIVER, ResponseTimeoutPolicy.NEVER_RESEND));
        smsc.unresponsive(true);

        List<SubmitResult> results = submitAll(carrier, "silent", 6);

        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.UNKNOWN));
        assertThat(smsc.submitSmCount()).isEqualTo(6);
        assertThat(smsc.duplicateCount()).isZero();
        assertThat(resends("timeout")).isZero();
        smsc.unresponsive(false);
    }

    @Test
    void unresponsiveSmscWithResendOnceGetsExactlyTwoSubmitsPerMessage() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        JsmppCarrier carrier = boundCarrier(config("resend", smsc.port(), 1, 4, 100_000, Duration.ofMillis(500),
                BindMode.TRANSCEIVER, ResponseTimeoutPolicy.RESEND_ONCE));
        smsc.unresponsive(true);

        List<SubmitResult> results = submitAll(carrier, "resend", 6);

        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.UNKNOWN))
                .allSatisfy(r -> assertThat(r.reason()).contains("already resent once"));
        assertThat(smsc.submitSmCount()).isEqualTo(12);
        assertThat(smsc.duplicateCount()).isEqualTo(6);
        assertThat(resends("timeout")).isEqualTo(6);
        smsc.unresponsive(false);
    }

    @Test
    void shutdownWithMessagesInFlightAndWaitingToRetryCompletesEveryFutureAndStopsItsThreads() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder().submitLatency(Duration.ofMillis(50)));
        JsmppCarrier carrier = boundCarrier(config("shutdown", smsc.port(), 2, 4, 100_000, Duration.ofSeconds(2),
                BindMode.TRANSCEIVER, ResponseTimeoutPolicy.NEVER_RESEND));
        smsc.throttleFraction(0.3);
        List<CompletableFuture<SubmitResult>> futures = submit(carrier, "shutdown", 300);
        awaitTrue(() -> smsc.receivedCount() >= 10 && smsc.throttledCount() >= 2, "some sent, some throttled");

        carrier.close(Duration.ofSeconds(3));

        assertThat(futures).allSatisfy(f -> assertThat(f).isDone());
        List<SubmitResult> results = joinAll(futures);
        assertThat(results).allSatisfy(r -> assertThat(r.status())
                .isIn(Status.ACCEPTED, Status.UNKNOWN, Status.REJECTED_TEMPORARY));
        assertThat(results).filteredOn(r -> r.status() == Status.REJECTED_TEMPORARY).isNotEmpty()
                .allSatisfy(r -> assertThat(r.reason()).contains("closing"));
        Set<String> arrived = smsc.messages().stream().map(ReceivedSms::text).collect(Collectors.toSet());
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).accepted()) {
                assertThat(arrived).contains("shutdown " + i);
            }
        }
        assertThat(carrier.pending()).isZero();
    }

    @Test
    void refusedBindsAreRetriedWithBackoffAndTheCarrierBindsOnceRefusingStops() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        smsc.refuseBinds(true);
        CarrierConfig config = new CarrierConfig("refused", "127.0.0.1", smsc.port(), "vneid", "secret", "", 1, 4,
                100_000, "VNeID", Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMillis(50),
                Duration.ofMillis(400));
        JsmppCarrier carrier = new JsmppCarrier(config, ReceiptListener.IGNORE, registry, Clock.systemUTC());
        toClose.add(carrier);
        carrier.start();

        awaitTrue(() -> smsc.bindRequestCount() >= 5, "five refused binds");
        assertThat(carrier.isAvailable()).isFalse();
        CompletableFuture<SubmitResult> queued = carrier.submit(sms("refused-0", "waits for a bind")).toCompletableFuture();
        assertThat(queued).isNotDone();
        smsc.refuseBinds(false);

        carrier.awaitBound().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(queued.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).status()).isEqualTo(Status.ACCEPTED);
        // With back-off the attempts stay few; a reconnect loop without it would make thousands.
        assertThat(carrier.bindAttempts()).isBetween(6, 60);
        assertThat(smsc.bindRequestCount()).isEqualTo(carrier.bindAttempts());
    }

    @Test
    void transmitterBindSubmitsOverBindTx() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        JsmppCarrier carrier = boundCarrier(config("tx", smsc.port(), 1, 4, 100_000, Duration.ofSeconds(2),
                BindMode.TRANSMITTER, ResponseTimeoutPolicy.NEVER_RESEND));

        SubmitResult result = carrier.submit(sms("tx-0", "over a transmitter")).toCompletableFuture()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(result.status()).isEqualTo(Status.ACCEPTED);
        assertThat(smsc.boundSessions(BindType.BIND_TX)).isEqualTo(1);
        assertThat(smsc.boundSessions(BindType.BIND_TRX)).isZero();
        assertThat(smsc.messagesTo(TO.international())).extracting(ReceivedSms::text).containsExactly("over a transmitter");
    }

    @Test
    void messagePayloadIsSentInOneSubmitAndArrivesWhole() throws Exception {
        SmscSimulator smsc = simulator(SmscSimulator.builder());
        JsmppCarrier carrier = boundCarrier(config("payload", smsc.port(), 1, 4, 100_000, Duration.ofSeconds(2),
                BindMode.TRANSCEIVER, ResponseTimeoutPolicy.NEVER_RESEND));
        String text = "Thong bao VNeID ".repeat(25);   // 400 GSM characters, plain ASCII: same bytes unpacked
        EncodedSms payload = new EncodedSms(SmsEncoder.DCS_GSM7, List.of(text.getBytes(StandardCharsets.US_ASCII)),
                false, SmsEncoder.GSM7, true, 3);

        SubmitResult result = carrier.submit(sms("payload-0", text), payload).toCompletableFuture()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(result.status()).isEqualTo(Status.ACCEPTED);
        assertThat(smsc.submitSmCount()).isEqualTo(1);
        assertThat(smsc.awaitMessageTo(TO.international(), WAIT).text()).isEqualTo(text);
    }

    // --- helpers ---

    private double resends(String reason) {
        var counter = registry.find(SmppMetricNames.RESENDS).tag(SmppMetricNames.TAG_REASON, reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private SmscSimulator simulator(SmscSimulatorBuilder builder) {
        SmscSimulator smsc = builder.start();
        toClose.add(smsc);
        return smsc;
    }

    private JsmppCarrier boundCarrier(CarrierConfig config) throws Exception {
        JsmppCarrier carrier = new JsmppCarrier(config, ReceiptListener.IGNORE, registry, Clock.systemUTC());
        toClose.add(carrier);
        carrier.start();
        carrier.awaitBound().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return carrier;
    }

    private static CarrierConfig config(String name, int port, int binds, int window, int tps, Duration responseTimeout,
                                        BindMode bindMode, ResponseTimeoutPolicy onTimeout) {
        return new CarrierConfig(name, "127.0.0.1", port, "vneid", "secret", "", binds, window, tps, "VNeID",
                Duration.ofSeconds(30), responseTimeout, Duration.ofMillis(50), Duration.ofMillis(300), bindMode,
                LongMessageMode.UDH8, onTimeout, ReceiptIdFormat.SAME);
    }

    private static OutboundSms sms(String id, String text) {
        return new OutboundSms(id, TO, text, Instant.now().plusSeconds(120), false);
    }

    private static List<CompletableFuture<SubmitResult>> submit(JsmppCarrier carrier, String prefix, int count) {
        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(carrier.submit(sms(prefix + "-" + i, prefix + " " + i)).toCompletableFuture());
        }
        return futures;
    }

    private static List<SubmitResult> submitAll(JsmppCarrier carrier, String prefix, int count) throws Exception {
        return joinAll(submit(carrier, prefix, count));
    }

    private static List<SubmitResult> joinAll(List<CompletableFuture<SubmitResult>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
