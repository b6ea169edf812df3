package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * A real carrier against a simulated SMSC that takes 300 submits a second and throttles the rest, with a
 * configured tps five times that: the throughput settles near what the SMSC takes, not at the rate floor, and
 * every message is accepted in the end. (Rates a loaded 2-core CI machine sustains with room to spare: at
 * 1,000/s a busy run measured the machine, not the AIMD; ThrottleDrainBench measures 5,000 against 1,000.)
 */
class ThrottleAboveRateIT {
    private static final int SMSC_RATE = 300;
    private static final int TPS = 1500;
    private static final int MESSAGES = 2400;

    @Test
    void throughputSettlesNearWhatTheSmscAcceptsAndNoMessageIsLost() throws Exception {
        try (SmscSimulator smsc = SmscSimulator.builder().throttleAbove(SMSC_RATE).maxRecorded(MESSAGES).start()) {
            JsmppCarrier carrier = new JsmppCarrier(CarrierUrl.parse("viettel", "smpp://vneid:secret@127.0.0.1:"
                    + smsc.port() + "?window=32&tps=" + TPS), ReceiptListener.IGNORE, new SimpleMeterRegistry(),
                    Clock.systemUTC());
            try {
                carrier.start();
                carrier.awaitBound().get(10, TimeUnit.SECONDS);
                Msisdn to = Msisdn.parse("0961000100");
                Instant validUntil = Instant.now().plus(Duration.ofMinutes(5));
                List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    futures.add(carrier.submit(new OutboundSms("m" + i, to, "aimd " + i, validUntil, false))
                            .toCompletableFuture());
                }
                // About 8 s at the SMSC's rate; the deadline allows a slow, shared machine seven times that.
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

                assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(SubmitResult.Status.ACCEPTED));
                assertThat(smsc.receivedCount()).isEqualTo(MESSAGES);
                assertThat(smsc.duplicateCount()).isZero();
                assertThat(smsc.throttledCount()).as("the SMSC pushed back").isGreaterThan(0);

                // Accepted per second over the steady part: from the 400th to the 2,200th message the SMSC took
                // (the first second runs at the full tps, before the first window of answers is judged).
                List<Instant> acceptedAt = smsc.messages().stream().map(ReceivedSms::receivedAt).sorted().toList();
                Duration steady = Duration.between(acceptedAt.get(400), acceptedAt.get(2200));
                double perSecond = 1800 / (steady.toNanos() / 1e9);
                System.out.printf("[aimd] SMSC takes %d/s, tps %d: %.0f/s accepted while settled; rate lowest %.0f, "
                        + "now %.0f; %d throttled%n", SMSC_RATE, TPS, perSecond, carrier.rate().lowest(),
                        carrier.rate().current(), smsc.throttledCount());
                assertThat(perSecond).as("accepted/s while settled").isBetween(0.7 * SMSC_RATE, 1.05 * SMSC_RATE);
                assertThat(carrier.rate().lowest()).as("never near the floor of tps/100")
                        .isGreaterThan(SMSC_RATE / 2.0);
                assertThat(carrier.rate().current()).isLessThanOrEqualTo(TPS);
            } finally {
                carrier.close();
            }
        }
    }
}
