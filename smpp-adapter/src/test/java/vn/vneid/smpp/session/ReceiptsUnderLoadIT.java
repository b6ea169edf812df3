package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * Every receipt is answered in time under full load: one bind with a window of 100, an SMSC that answers at
 * once and sends each receipt at once, 50,000 messages as fast as the window takes them. The simulator counts
 * every deliver_sm that got no deliver_sm_resp within its timeout (2 s); with the session on an event loop there
 * must be none, and none given up or sent twice. Bounded: 50,000 messages, 120 s.
 */
class ReceiptsUnderLoadIT {
    private static final int MESSAGES = 50_000;
    private static final Duration BUDGET = Duration.ofSeconds(120);

    @Test
    void fiftyThousandInstantReceiptsAreEachAnsweredWithinTheSmscsTimeout() throws Exception {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        AtomicInteger recorded = new AtomicInteger();
        ReceiptListener listener = (carrier, receipt) -> {
            recorded.incrementAndGet();
            return ReceiptListener.DONE;
        };
        try (SmscSimulator smsc = SmscSimulator.builder().receiptDelay(Duration.ZERO).maxRecorded(1_000).start()) {
            JsmppCarrier carrier = new JsmppCarrier(CarrierUrl.parse("load", "smpp://vneid:secret@127.0.0.1:"
                    + smsc.port() + "?window=100&tps=1000000"), listener, new SimpleMeterRegistry(), Clock.systemUTC());
            try {
                carrier.start();
                carrier.awaitBound().get(20, TimeUnit.SECONDS);
                AtomicLong accepted = new AtomicLong();
                Semaphore outstanding = new Semaphore(400);
                Instant validUntil = Instant.now().plus(Duration.ofMinutes(5));
                for (int i = 0; i < MESSAGES; i++) {
                    if (!outstanding.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        throw new AssertionError("only " + i + " of " + MESSAGES + " submitted within " + BUDGET);
                    }
                    OutboundSms sms = new OutboundSms("l" + i, Msisdn.parse(String.format("8496%07d", i)),
                            "VNeID: thong bao " + i, validUntil, false);
                    carrier.submit(sms).whenComplete((result, e) -> {
                        if (e == null && result.accepted()) {
                            accepted.incrementAndGet();
                        }
                        outstanding.release();
                    });
                }
                awaitTrue(() -> accepted.get() == MESSAGES, deadline, () -> accepted.get() + " accepted");
                awaitTrue(() -> smsc.receiptsAcknowledged() == MESSAGES, deadline,
                        () -> smsc.receiptsAcknowledged() + " receipts acknowledged, " + smsc.receiptsUnanswered()
                                + " unanswered, " + smsc.receiptRedeliveries() + " redelivered");

                assertThat(smsc.receiptsUnanswered()).as("deliver_sm without a deliver_sm_resp in time").isZero();
                assertThat(smsc.receiptRedeliveries()).isZero();
                assertThat(smsc.receiptsGivenUp()).isZero();
                assertThat(recorded).hasValue(MESSAGES);
                assertThat(smsc.receivedCount()).isEqualTo(MESSAGES);
            } finally {
                carrier.close();
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long deadline, java.util.function.Supplier<String> state) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + BUDGET + ": " + state.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
