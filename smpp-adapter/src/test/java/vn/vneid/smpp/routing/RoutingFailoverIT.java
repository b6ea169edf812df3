package vn.vneid.smpp.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.session.JsmppCarrier;
import vn.vneid.smpp.simulator.SmscSimulator;

/** Two real carriers on loopback: when one goes down, its route's failover carrier takes the traffic. */
class RoutingFailoverIT {

    @Test
    void aCarrierDownSendsItsTrafficToTheFailoverAndTakesItBackWhenItReturns() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SmscSimulator viettelSmsc = SmscSimulator.builder().start();
        int viettelPort = viettelSmsc.port();
        try (SmscSimulator mobifoneSmsc = SmscSimulator.builder().start()) {
            JsmppCarrier viettel = carrier("viettel", viettelPort, registry);
            JsmppCarrier mobifone = carrier("mobifone", mobifoneSmsc.port(), registry);
            RouteTable table = new RouteTable(
                    List.of(new Route(List.of("8496"), "viettel", Optional.of("mobifone"))),
                    new Route(List.of(), "mobifone", Optional.empty()));
            try (RoutingSmsSender sender = new RoutingSmsSender(Map.of("viettel", viettel, "mobifone", mobifone),
                    table, Clock.systemUTC(), registry)) {
                viettel.awaitBound().get(10, TimeUnit.SECONDS);
                mobifone.awaitBound().get(10, TimeUnit.SECONDS);

                assertThat(sendAll(sender, 0, 20)).allMatch(r -> r.carrier().equals("viettel"));
                assertThat(viettelSmsc.messages()).hasSize(20);

                viettelSmsc.close();
                awaitTrue(() -> !viettel.isAvailable());
                List<SubmitResult> during = sendAll(sender, 20, 50);
                assertThat(during).allMatch(SubmitResult::accepted).allMatch(r -> r.carrier().equals("mobifone"));
                assertThat(mobifoneSmsc.messages()).hasSize(50);

                try (SmscSimulator back = SmscSimulator.builder().port(viettelPort).start()) {
                    awaitTrue(viettel::isAvailable);
                    assertThat(sendAll(sender, 70, 10)).allMatch(r -> r.carrier().equals("viettel"));
                    assertThat(back.messages()).hasSize(10);
                }
            }
        }
    }

    private static List<SubmitResult> sendAll(RoutingSmsSender sender, int from, int count) {
        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            OutboundSms sms = new OutboundSms("m" + i, Msisdn.parse(String.format("096%07d", i)), "Thong bao " + i,
                    Instant.now().plus(Duration.ofMinutes(5)), false);
            futures.add(sender.submit(sms).toCompletableFuture());
        }
        return futures.stream().map(f -> f.orTimeout(20, TimeUnit.SECONDS).join()).toList();
    }

    private static JsmppCarrier carrier(String name, int port, SimpleMeterRegistry registry) {
        JsmppCarrier carrier = new JsmppCarrier(CarrierUrl.parse(name,
                "smpp://vneid:secret@127.0.0.1:" + port + "?window=8&reconnectMin=50ms&reconnectMax=200ms"),
                ReceiptListener.IGNORE, registry, Clock.systemUTC());
        carrier.start();
        return carrier;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
