package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.SmppMetricNames;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * Receipts the listener cannot record are answered with a temporary error, kept by the SMSC (the simulator)
 * and sent again, until they are recorded: none lost, none recorded twice.
 */
class ReceiptRedeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private SmscSimulator smsc;
    private JsmppCarrier carrier;

    @AfterEach
    void close() {
        if (carrier != null) {
            carrier.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    void receiptsThatCannotBeRecordedAreRedeliveredAndFinallyRecordedExactlyOnceEach() throws Exception {
        smsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(10))
                .receiptRedelivery(Duration.ofMillis(100), 50).start();
        AtomicInteger failuresLeft = new AtomicInteger(10);
        Map<String, AtomicInteger> recorded = new ConcurrentHashMap<>();
        carrier = carrier((name, receipt) -> {
            if (failuresLeft.getAndDecrement() > 0) {
                return CompletableFuture.failedStage(new IllegalStateException("store unavailable"));
            }
            recorded.computeIfAbsent(receipt.smscMessageId(), id -> new AtomicInteger()).incrementAndGet();
            return ReceiptListener.DONE;
        });

        Set<String> submitted = submit(20);

        awaitTrue(() -> recorded.keySet().equals(submitted), "every receipt recorded");
        assertThat(recorded.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(deferred()).isEqualTo(10);
        assertThat(smsc.receiptRedeliveries()).isGreaterThanOrEqualTo(10);
        assertThat(smsc.receiptsGivenUp()).isZero();
        awaitTrue(() -> smsc.receiptsAcknowledged() == 20, "the SMSC saw 20 receipts acknowledged");
        assertThat(registry.get(SmppMetricNames.RECEIPTS).tag("status", "delivrd").counter().count()).isEqualTo(20);
    }

    @Test
    void aReceiptNotRecordedInTimeIsAnsweredWithATemporaryErrorAndComesBack() throws Exception {
        smsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(10))
                .receiptRedelivery(Duration.ofMillis(100), 50).start();
        AtomicInteger calls = new AtomicInteger();
        Map<String, AtomicInteger> recorded = new ConcurrentHashMap<>();
        carrier = carrier((name, receipt) -> {
            if (calls.getAndIncrement() == 0) {
                return new CompletableFuture<>();   // a store that never answers this one
            }
            recorded.computeIfAbsent(receipt.smscMessageId(), id -> new AtomicInteger()).incrementAndGet();
            return ReceiptListener.DONE;
        });

        Set<String> submitted = submit(1);

        awaitTrue(() -> recorded.keySet().equals(submitted), "the receipt recorded when it came again");
        assertThat(recorded.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(deferred()).isEqualTo(1);
        assertThat(smsc.receiptRedeliveries()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSmscGivesUpAReceiptAfterItsTriesAndEachTryIsCounted() throws Exception {
        smsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(10))
                .receiptRedelivery(Duration.ofMillis(50), 3).start();
        carrier = carrier((name, receipt) -> CompletableFuture.failedStage(new IllegalStateException("down")));

        submit(1);

        awaitTrue(() -> smsc.receiptsGivenUp() == 1, "the simulator gave the receipt up");
        assertThat(smsc.receiptRedeliveries()).isEqualTo(2);
        assertThat(deferred()).isEqualTo(3);
        assertThat(smsc.receiptsAcknowledged()).isZero();
    }

    private JsmppCarrier carrier(ReceiptListener listener) throws Exception {
        JsmppCarrier c = new JsmppCarrier(CarrierUrl.parse("viettel", "smpp://vneid:secret@127.0.0.1:" + smsc.port()
                + "?window=4"), listener, registry, Clock.systemUTC());
        c.start();
        c.awaitBound().get(10, TimeUnit.SECONDS);
        return c;
    }

    /** Sends {@code count} messages; returns their SMSC ids as receipts name them. */
    private Set<String> submit(int count) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            OutboundSms sms = new OutboundSms("m" + i, Msisdn.parse("0961000200"), "receipt " + i,
                    Instant.now().plus(Duration.ofMinutes(5)), false);
            carrier.submit(sms).toCompletableFuture().get(10, TimeUnit.SECONDS).smscMessageIds()
                    .forEach(id -> ids.add(DeliveryReceiptParser.normaliseId(id)));
        }
        return ids;
    }

    private double deferred() {
        return registry.get(SmppMetricNames.RECEIPTS_DEFERRED).tag(SmppMetricNames.TAG_CARRIER, "viettel").counter().count();
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
