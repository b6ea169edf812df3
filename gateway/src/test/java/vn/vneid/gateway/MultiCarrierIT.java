package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.config.SmscConfig;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.routing.Route;
import vn.vneid.smpp.simulator.SmscSimulator;

/** The gateway over two carriers: OTPs follow the prefix routes, and a carrier down hands its numbers to the failover. */
class MultiCarrierIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void otpsFollowTheirRouteAndFailOverWhenTheirCarrierIsDown() throws Exception {
        SmscSimulator viettelSmsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(20)).start();
        try (SmscSimulator mobifoneSmsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(20)).start()) {
            SmscConfig smsc = new SmscConfig(List.of(
                    CarrierUrl.parse("viettel", "smpp://vneid:secret@127.0.0.1:" + viettelSmsc.port()),
                    CarrierUrl.parse("mobifone", "smpp://vneid:secret@127.0.0.1:" + mobifoneSmsc.port())),
                    List.of(new Route(List.of("8496", "8486"), "viettel", Optional.of("mobifone"))),
                    Optional.of(new Route(List.of(), "mobifone", Optional.empty())));
            GatewayConfig config = new GatewayConfig(false, "127.0.0.1", 0, Optional.of(redis.url()), Duration.ofMillis(500),
                    smsc, ApiKeys.parse("test", "backend:" + GatewayHarness.OTP_KEY + ":otp"),
                    Optional.of(GatewayHarness.SECRET.getBytes(StandardCharsets.UTF_8)), OtpPolicies.defaults(),
                    Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(24), vn.vneid.gateway.config.NoticesConfig.defaults());
            try (GatewayHarness gw = GatewayHarness.wrap(Gateway.start(config, MutableClock.startingAt2025()),
                    mobifoneSmsc)) {
                GatewayHarness.awaitTrue(() -> gw.gateway.sender().carriers().values().stream()
                        .allMatch(c -> c.isAvailable()), Duration.ofSeconds(10));

                assertThat(gw.issue("ACTIVATE", "001099000070", "0961000070").statusCode()).isEqualTo(202);
                assertThat(gw.issue("ACTIVATE", "001099000071", "0901000071").statusCode()).isEqualTo(202);
                GatewayHarness.awaitTrue(() -> viettelSmsc.messagesTo("84961000070").size() == 1, Duration.ofSeconds(10));
                GatewayHarness.awaitTrue(() -> mobifoneSmsc.messagesTo("84901000071").size() == 1, Duration.ofSeconds(10));

                viettelSmsc.close();
                GatewayHarness.awaitTrue(() -> !gw.gateway.sender().carriers().get("viettel").isAvailable(),
                        Duration.ofSeconds(10));
                var viaFailover = gw.issue("ACTIVATE", "001099000072", "0961000072");
                assertThat(viaFailover.statusCode()).as(viaFailover.body()).isEqualTo(202);
                String code = gw.awaitCode("84961000072", 1);
                assertThat(gw.verify("ACTIVATE", "001099000072", code).statusCode()).isEqualTo(200);
                String messageId = json(viaFailover).getString("messageId");
                GatewayHarness.awaitTrue(() -> "delivered".equals(json(get(gw, messageId)).getString("status")),
                        Duration.ofSeconds(10));
                assertThat(json(get(gw, messageId)).getString("carrier")).isEqualTo("mobifone");
                assertThat(gw.get("/metrics", null).body())
                        .containsPattern("sms_delivery_seconds_count\\{carrier=\"mobifone\",status=\"delivrd\"} [1-9]");
            }
        }
    }

    private static java.net.http.HttpResponse<String> get(GatewayHarness gw, String messageId) {
        try {
            return gw.get("/v1/messages/" + messageId, GatewayHarness.OTP_KEY);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
