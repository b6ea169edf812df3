package vn.vneid.smpp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SmsSender;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;

/** The routing decisions, with in-memory carriers that answer as told (the SMPP path is tested in RoutingFailoverIT). */
class RoutingSmsSenderTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeCarrier viettel = new FakeCarrier("viettel");
    private final FakeCarrier mobifone = new FakeCarrier("mobifone");
    private final RoutingSmsSender sender = new RoutingSmsSender(Map.of("viettel", viettel, "mobifone", mobifone),
            new RouteTable(List.of(new Route(List.of("8496"), "viettel", Optional.of("mobifone"))),
                    new Route(List.of(), "mobifone", Optional.empty())), clock, registry);

    @Test
    void messagesGoToTheirRoutesCarrier() {
        assertThat(send("0961234567").carrier()).isEqualTo("viettel");
        assertThat(send("0901234567").carrier()).isEqualTo("mobifone");
    }

    @Test
    void aCarrierWithNoBoundSessionHandsItsRouteToTheFailover() {
        viettel.available = false;
        assertThat(send("0961234567").carrier()).isEqualTo("mobifone");
        assertThat(viettel.received).isEmpty();
        assertThat(sender.isAvailableFor(Msisdn.parse("0961234567"))).isTrue();
        mobifone.available = false;
        assertThat(sender.isAvailableFor(Msisdn.parse("0961234567"))).isFalse();
    }

    @Test
    void aRefusedMessageIsTriedOnceOnTheFailover() {
        viettel.answer = Status.REJECTED_PERMANENT;
        SubmitResult result = send("0961234567");
        assertThat(result.carrier()).isEqualTo("mobifone");
        assertThat(result.accepted()).isTrue();
        assertThat(registry.counter("sms_failovers", "from", "viettel", "to", "mobifone", "reason", "rejected_permanent").count())
                .isEqualTo(1.0);

        mobifone.answer = Status.REJECTED_PERMANENT;
        assertThat(send("0961234567").status()).isEqualTo(Status.REJECTED_PERMANENT);
        assertThat(viettel.received).hasSize(2);
        assertThat(mobifone.received).hasSize(2);
    }

    @Test
    void anUnknownOutcomeIsNotResentElsewhere() {
        viettel.answer = Status.UNKNOWN;
        assertThat(send("0961234567").status()).isEqualTo(Status.UNKNOWN);
        assertThat(mobifone.received).isEmpty();
    }

    @Test
    void aCarrierThatKeepsFailingIsAvoidedForAWhile() {
        viettel.answer = Status.UNKNOWN;
        for (int i = 0; i < RoutingSmsSender.CarrierHealth.FAILURES_TO_TRIP; i++) {
            send("0961234567");
        }
        viettel.answer = Status.ACCEPTED;
        assertThat(send("0961234567").carrier()).as("avoided after repeated failures").isEqualTo("mobifone");
    }

    @Test
    void aRouteNamingAnUnconfiguredCarrierIsRefused() {
        assertThatThrownBy(() -> new RoutingSmsSender(Map.of("viettel", viettel),
                new RouteTable(List.of(), new Route(List.of(), "vinaphone", Optional.empty())), clock, registry))
                .hasMessageContaining("vinaphone");
    }

    private SubmitResult send(String number) {
        OutboundSms sms = new OutboundSms("m", Msisdn.parse(number), "hello", NOW.plus(Duration.ofMinutes(5)), false);
        return sender.submit(sms).toCompletableFuture().join();
    }

    private static final class FakeCarrier implements SmsSender {
        final String name;
        final List<OutboundSms> received = new ArrayList<>();
        volatile boolean available = true;
        volatile Status answer = Status.ACCEPTED;

        FakeCarrier(String name) {
            this.name = name;
        }

        @Override
        public CompletionStage<SubmitResult> submit(OutboundSms sms) {
            received.add(sms);
            return CompletableFuture.completedFuture(answer == Status.ACCEPTED
                    ? SubmitResult.accepted(name, List.of("1"), Duration.ZERO)
                    : SubmitResult.failed(answer, name, 1, 0x0B, "told to", Duration.ZERO));
        }

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public int pending() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
