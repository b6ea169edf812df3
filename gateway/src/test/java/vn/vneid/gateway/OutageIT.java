package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.simulator.SmscSimulator;

/** Redis or the SMSC going away: the API says 503 with Retry-After, sends nothing, and recovers by itself. */
class OutageIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    GatewayHarness gw;

    @BeforeEach
    void start() throws Exception {
        gw = GatewayHarness.start(redis.url());
    }

    @AfterEach
    void stop() {
        gw.close();
        if (!redis.server().isRunning()) {
            redis.server().start();
        }
    }

    @Test
    void redisDownAnswers503AndSendsNoSms() throws Exception {
        assertThat(gw.get("/health/ready", null).statusCode()).isEqualTo(200);
        redis.server().stop();

        long start = System.nanoTime();
        HttpResponse<String> r = gw.issue("ACTIVATE", "001099000040", "84961000040");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).getString("code")).isEqualTo("store.unavailable");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(took).as("a dead Redis is reported at once, not after a long hang").isLessThan(Duration.ofSeconds(5));
        assertThat(gw.verify("ACTIVATE", "001099000040", "123456").statusCode()).isEqualTo(503);
        HttpResponse<String> ready = gw.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready).getString("redis")).isEqualTo("DOWN");
        assertThat(json(ready).getString("smsc")).isEqualTo("UP");

        redis.server().start();
        GatewayHarness.awaitTrue(() -> ready() == 200, Duration.ofSeconds(15));
        assertThat(gw.issue("ACTIVATE", "001099000041", "84961000041").statusCode()).isEqualTo(202);
        gw.awaitCode("84961000041", 1);
        GatewayHarness.awaitTrue(() -> gw.gateway.sender().pending() == 0, Duration.ofSeconds(5));
        assertThat(gw.smsc.messagesTo("84961000040")).as("no SMS for a code that was never stored").isEmpty();
    }

    @Test
    void smscDownAnswers503AndStoresNothing() throws Exception {
        int port = gw.smsc.port();
        gw.smsc.close();
        GatewayHarness.awaitTrue(() -> !gw.gateway.sender().isAvailable(), Duration.ofSeconds(10));

        HttpResponse<String> r = gw.issue("ACTIVATE", "001099000042", "84961000042");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).getString("code")).isEqualTo("sms.unavailable");
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        assertThat(json(gw.get("/health/ready", null)).getString("smsc")).isEqualTo("DOWN");

        try (SmscSimulator again = SmscSimulator.builder().port(port).start()) {
            GatewayHarness.awaitTrue(() -> gw.gateway.sender().isAvailable(), Duration.ofSeconds(30));
            // Nothing was stored by the refused request, so no cooldown holds the citizen back now.
            assertThat(gw.issue("ACTIVATE", "001099000042", "84961000042").statusCode()).isEqualTo(202);
            GatewayHarness.awaitTrue(() -> again.messagesTo("84961000042").size() == 1, Duration.ofSeconds(10));
        }
    }

    private int ready() {
        try {
            return gw.get("/health/ready", null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
