package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.awaitTrue;
import static vn.vneid.gateway.GatewayHarness.json;

import io.micrometer.core.instrument.search.Search;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.admission.AdmissionMetrics;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.config.NoticesConfig;
import vn.vneid.gateway.config.SmscConfig;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * Per-client quotas on two gateway instances that share one Redis and one clock the test moves (frozen
 * otherwise, so buckets refill only when the test says). Client {@code limited} may make 3 requests a second
 * (burst 3); client {@code free} has no rate. Both run with the default adaptive admission limit.
 */
class ClientQuotaIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final String LIMITED = "limited-client-key-0123456789abcdef";
    private static final String FREE = "free-client-key-0123456789abcdefghi";
    private static final String UNKNOWN_MESSAGE = "/v1/messages/msg_00000000000000000000000000000000";

    private final MutableClock clock = MutableClock.startingAt2025();
    private SmscSimulator smsc;
    private GatewayHarness a;
    private GatewayHarness b;

    @BeforeEach
    void start() throws Exception {
        smsc = SmscSimulator.builder().start();
        a = GatewayHarness.wrap(Gateway.start(config(), clock), smsc);
        b = GatewayHarness.wrap(Gateway.start(config(), clock), smsc);
    }

    @AfterEach
    void stop() {
        a.gateway.close();
        b.gateway.close();
        smsc.close();
    }

    private GatewayConfig config() {
        return new GatewayConfig(false, "127.0.0.1", 0, Optional.of(redis.url()), Duration.ofMillis(500),
                SmscConfig.single(CarrierUrl.parse("default", "smpp://vneid:secret@127.0.0.1:" + smsc.port())),
                ApiKeys.parse("test", "limited:" + LIMITED + ":otp+messages:3,free:" + FREE + ":otp+messages"),
                Optional.of(GatewayHarness.SECRET.getBytes(StandardCharsets.UTF_8)), OtpPolicies.defaults(),
                Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(24), NoticesConfig.defaults());
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterAndEveryInstanceSharesItsQuota() throws Exception {
        assertThat(a.get(UNKNOWN_MESSAGE, LIMITED).statusCode()).isEqualTo(404);
        assertThat(a.get(UNKNOWN_MESSAGE, LIMITED).statusCode()).isEqualTo(404);
        assertThat(b.get(UNKNOWN_MESSAGE, LIMITED).statusCode()).as("the third token, on the other instance").isEqualTo(404);

        HttpResponse<String> refused = a.get(UNKNOWN_MESSAGE, LIMITED);
        assertRateLimited(refused);
        assertThat(json(refused).getString("detail")).contains("'limited'", "3 requests per second");
        assertRateLimited(b.get(UNKNOWN_MESSAGE, LIMITED));

        clock.advance(Duration.ofMillis(334)); // a third of a second at 3/s: one token
        assertThat(b.get(UNKNOWN_MESSAGE, LIMITED).statusCode()).isEqualTo(404);
        assertRateLimited(a.get(UNKNOWN_MESSAGE, LIMITED));

        assertThat(rateLimited(a, "limited")).isEqualTo(2);
        assertThat(rateLimited(b, "limited")).isEqualTo(1);
        assertThat(a.get("/metrics", null).body()).contains("gateway_client_rate_limited_total{client=\"limited\"} 2.0");
        long ttl = redis.commands().pttl("quota:{limited}");
        assertThat(ttl).as("the bucket expires once it would be full again").isBetween(1L, 2_000L);
    }

    @Test
    void aClientWithoutARateIsNeverLimitedAndCostsNoQuotaCheck() throws Exception {
        for (int i = 0; i < 30; i++) {
            GatewayHarness gw = i % 2 == 0 ? a : b;
            assertThat(gw.get(UNKNOWN_MESSAGE, FREE).statusCode()).isEqualTo(404);
        }
        assertThat(redis.commands().keys("quota:*")).as("a granted check always writes its bucket: none ran").isEmpty();
        assertThat(a.get("/metrics", null).body()).doesNotContain("client=\"free\"");
    }

    @Test
    void withRedisDownTheQuotaIsNotCheckedAndTheRouteGivesItsOwnAnswer() throws Exception {
        redis.server().stop();
        HttpResponse<String> r = a.post("/v1/otp/verify", LIMITED,
                "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099000300\",\"code\":\"123456\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(json(r).getString("code")).isEqualTo("store.unavailable");
        assertThat(Search.in(a.gateway.registry()).name(AdmissionMetrics.CLIENT_QUOTA_UNCHECKED).counter().count())
                .isEqualTo(1);
        redis.server().start();
        awaitTrue(() -> ready(a), Duration.ofSeconds(15));
        assertThat(a.get(UNKNOWN_MESSAGE, LIMITED).statusCode()).as("checked again once Redis is back").isEqualTo(404);
        assertThat(redis.commands().exists("quota:{limited}")).isEqualTo(1);
    }

    private static boolean ready(GatewayHarness gw) {
        try {
            return gw.get("/health/ready", null).statusCode() == 200;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRateLimited(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(r).getString("code")).isEqualTo("client.rate_limited");
        assertThat(r.headers().firstValue("Retry-After")).as("the next token comes within a second").contains("1");
    }

    private static double rateLimited(GatewayHarness gw, String client) {
        return Search.in(gw.gateway.registry()).name(AdmissionMetrics.CLIENT_RATE_LIMITED).tag("client", client)
                .counter().count();
    }
}
