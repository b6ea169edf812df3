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
 * A real carrier against a simulated SMSC that takes 1,000 submits a second and throttles the rest, with a
 * configured tps five times that: the throughput settles near what the SMSC takes, not at the rate floor, and
 * every message is accepted in the end.
 */
class ThrottleAboveRateIT {
    private static final int SMSC_RATE = 1000;
    private static final int TPS = 5000;
    private static final int MESSAGES = 6000;

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
                // About 6 s at the SMSC's rate; the deadline allows a slow, shared machine ten times that.
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

                assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(SubmitResult.Status.ACCEPTED));
                assertThat(smsc.receivedCount()).isEqualTo(MESSAGES);
                assertThat(smsc.duplicateCount()).isZero();
                assertThat(smsc.throttledCount()).as("the SMSC pushed back").isGreaterThan(0);

                // Accepted per second over the steady part: from the 1,000th to the 5,500th message the SMSC took.
                List<Instant> acceptedAt = smsc.messages().stream().map(ReceivedSms::receivedAt).sorted().toList();
                Duration steady = Duration.between(acceptedAt.get(1000), acceptedAt.get(5500));
                double perSecond = 4500 / (steady.toNanos() / 1e9);
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
