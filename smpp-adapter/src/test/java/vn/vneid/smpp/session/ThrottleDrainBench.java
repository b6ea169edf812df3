package vn.vneid.smpp.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.simulator.SmscSimulator;
import vn.vneid.smpp.simulator.SmscSimulatorBuilder;

/**
 * How fast a carrier drains a backlog while its SMSC throttles: a measurement, not a test (a main in test scope).
 * Queues {@code messages} one-segment SMS at once on a {@link JsmppCarrier} ({@code tps}, one bind, {@code window})
 * against a simulator that answers ESME_RTHROTTLED to a random {@code fraction} of submits ({@code fraction=0.3}) or
 * to every submit beyond {@code perSecond} ({@code above=1000}), and prints the drain rate (messages accepted per
 * second, first to last), the adaptive rate's lowest and final value and the throttled count.
 *
 * <pre>{@code
 * mvn -B -ntp -o -q test-compile -pl smpp-adapter -am
 * mvn -B -ntp -o -q dependency:build-classpath -pl smpp-adapter -Dmdep.outputFile=/tmp/cp.txt
 * java -cp smpp-adapter/target/classes:smpp-adapter/target/test-classes:$(cat /tmp/cp.txt) \
 *     vn.vneid.smpp.session.ThrottleDrainBench fraction=0.3 tps=5000 window=32 messages=20000
 * }</pre>
 */
public final class ThrottleDrainBench {
    private ThrottleDrainBench() {
    }

    public static void main(String[] args) throws Exception {
        double fraction = 0;
        int above = 0;
        int tps = 5000;
        int window = 32;
        int messages = 20_000;
        int timeoutSeconds = 300;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "fraction" -> fraction = Double.parseDouble(kv[1]);
                case "above" -> above = Integer.parseInt(kv[1]);
                case "tps" -> tps = Integer.parseInt(kv[1]);
                case "window" -> window = Integer.parseInt(kv[1]);
                case "messages" -> messages = Integer.parseInt(kv[1]);
                case "timeout" -> timeoutSeconds = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        SmscSimulatorBuilder builder = SmscSimulator.builder().throttleFraction(fraction).maxRecorded(1000);
        if (above > 0) {
            builder.throttleAbove(above);
        }
        try (SmscSimulator smsc = builder.start()) {
            CarrierConfig config = CarrierUrl.parse("bench", "smpp://vneid:secret@127.0.0.1:" + smsc.port()
                    + "?window=" + window + "&tps=" + tps);
            JsmppCarrier carrier = new JsmppCarrier(config, ReceiptListener.IGNORE, new SimpleMeterRegistry(),
                    Clock.systemUTC());
            carrier.start();
            carrier.awaitBound().get(10, TimeUnit.SECONDS);
            Msisdn to = Msisdn.parse("0912345678");
            Instant validUntil = Instant.now().plus(Duration.ofSeconds(timeoutSeconds));
            List<CompletableFuture<SubmitResult>> futures = new ArrayList<>(messages);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                futures.add(carrier.submit(new OutboundSms("m" + i, to, "drain " + i, validUntil, false))
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeoutSeconds, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            long accepted = futures.stream().filter(f -> f.join().accepted()).count();
            System.out.printf("fraction=%.2f above=%d tps=%d window=%d messages=%d: accepted %d in %.1f s = %.0f/s; "
                            + "throttled %d; rate lowest %.0f, final %.0f%n", fraction, above, tps, window, messages,
                    accepted, seconds, accepted / seconds, smsc.throttledCount(), carrier.rate().lowest(),
                    carrier.rate().current());
            carrier.close();
        }
    }
}
