package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.OPS_KEY;
import static vn.vneid.gateway.GatewayHarness.OTP_KEY;
import static vn.vneid.gateway.GatewayHarness.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.config.NoticesConfig;
import vn.vneid.gateway.config.SmscConfig;
import vn.vneid.gateway.pumping.PumpingGuard;
import vn.vneid.gateway.pumping.PumpingGuardConfig;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * The SMS-pumping guard through real HTTP, a real Redis and the SMSC simulator, on a clock the test moves:
 * OTPs pumped into one number range with nothing verified get that range held (429 {@code otp.prefix_held}) on
 * every instance, while another range that issues as many and verifies them keeps flowing; a hold ends when an
 * operator releases it or its time is over. Per-phone limits (cooldown, 5 an hour) apply to each number, so
 * the pumping spreads over many numbers of the range, as real pumping does.
 */
class PumpingGuardIT {
    /** Small numbers, so a test pumps 25 OTPs instead of hundreds; 10 s slices, judged 30 s after a window ends. */
    static final PumpingGuardConfig GUARD = new PumpingGuardConfig(true, Duration.ofMinutes(1), 5.0, 2, 20, 0.2,
            Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMillis(200));
    /** Past the verify delay, inside the window after it: the window holding the traffic is judged. */
    static final Duration UNTIL_JUDGED = Duration.ofSeconds(45);
    static final Duration DEADLINE = Duration.ofSeconds(15);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private final MutableClock clock = MutableClock.startingAt2025();
    private final List<AutoCloseable> started = new ArrayList<>();
    private SmscSimulator smsc;
    private int citizens;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureGuardLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(PumpingGuard.class)).addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(PumpingGuard.class)).detachAppender(logs);
        for (int i = started.size() - 1; i >= 0; i--) { // gateways before the simulator they are bound to
            started.get(i).close();
        }
    }

    @Test
    void pumpingIntoOnePrefixIsHeldWhileOtherPrefixesFlow() throws Exception {
        GatewayHarness a = gateway();
        pump(a, "8486", 25);
        String refusedCitizen = citizen();
        String refusedPhone = "84860009999";
        for (int i = 0; i < 22; i++) { // as many to another range, every code typed: a peak, not pumping
            issueAndVerify(a, "8491");
        }
        clock.advance(UNTIL_JUDGED);
        awaitHeld(a, "8486");

        HttpResponse<String> refused = a.issue("ACTIVATE", refusedCitizen, refusedPhone);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused).getString("code")).isEqualTo("otp.prefix_held");
        assertThat(json(refused).getString("prefix")).isEqualTo("8486");
        assertThat(refused.headers().firstValue("Retry-After")).as("until the hold ends").hasValue("1800");
        assertThat(a.verify("ACTIVATE", refusedCitizen, "123456").statusCode()).as("nothing stored")
                .isEqualTo(410);
        issueAndVerify(a, "8491");

        JsonObject hold = json(a.get("/v1/admin/prefix-holds", OPS_KEY)).getJsonArray("holds").getJsonObject(0);
        assertThat(hold.getString("prefix")).isEqualTo("8486");
        assertThat(hold.getString("until")).isEqualTo(clock.instant().plus(GUARD.holdFor()).toString());
        assertThat(hold.getJsonObject("reason").getString("source")).isEqualTo("detected");
        assertThat(hold.getJsonObject("reason").getLong("issues")).isEqualTo(25L);
        assertThat(hold.getJsonObject("reason").getLong("verified")).isZero();
        String metrics = a.get("/metrics", null).body();
        assertThat(metrics).contains("otp_prefix_held{prefix=\"8486\"} 1.0", "otp_prefix_held{prefix=\"8491\"} 0.0",
                "otp_prefix_holds_total{prefix=\"8486\"} 1.0", "otp_prefix_held_rejected_total 1.0");
        assertThat(metrics).doesNotContain("otp_prefix_holds_total{prefix=\"8491\"} 1.0");

        GatewayHarness b = gateway();
        assertThat(b.issue("ACTIVATE", citizen(), "84860008888").statusCode())
                .as("a second instance on the same Redis refuses the held range from its start").isEqualTo(429);
        issueAndVerify(b, "8491");

        HttpResponse<String> released = delete(a, "/v1/admin/prefix-holds/8486");
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(json(released).getString("prefix")).isEqualTo("8486");
        assertThat(a.issue("ACTIVATE", refusedCitizen, refusedPhone).statusCode())
                .as("released; and the refused request had counted no limit (no cooldown now)").isEqualTo(202);
        GatewayHarness.awaitTrue(() -> scrape(b).contains("otp_prefix_held{prefix=\"8486\"} 0.0"), DEADLINE);
        assertThat(b.issue("ACTIVATE", citizen(), "84860008888").statusCode()).isEqualTo(202);
        assertThat(a.get("/v1/admin/prefix-holds", OPS_KEY).body()).isEqualTo("{\"holds\":[]}");

        assertThat(logged("otp.prefix_hold.started")).as("one WARN for the hold, of two instances").singleElement()
                .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN))
                .satisfies(e -> assertThat(e.getKeyValuePairs().toString())
                        .contains("prefix=\"8486\"", "issues=\"25\""));
        assertThat(logged("otp.prefix_hold.ended")).singleElement()
                .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO))
                .satisfies(e -> assertThat(e.getKeyValuePairs().toString())
                        .contains("reason=\"released\"", "by=\"ops\""));
    }

    @Test
    void holdEndsWhenItsTimeIsOver() throws Exception {
        GatewayHarness gw = gateway();
        pump(gw, "8497", 25);
        clock.advance(UNTIL_JUDGED);
        awaitHeld(gw, "8497");
        assertThat(gw.issue("ACTIVATE", citizen(), "84970009999").statusCode()).isEqualTo(429);

        clock.advance(GUARD.holdFor().minusSeconds(1));
        assertThat(gw.issue("ACTIVATE", citizen(), "84970009998").statusCode()).as("a second before the end")
                .isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(gw.issue("ACTIVATE", citizen(), "84970009997").statusCode()).isEqualTo(202);
        assertThat(json(gw.get("/v1/admin/prefix-holds", OPS_KEY)).getJsonArray("holds")).isEmpty();
        assertThat(redis.commands().hgetall("pumping:{holds}")).as("removed from Redis once over").isEmpty();
        assertThat(logged("otp.prefix_hold.ended")).singleElement()
                .satisfies(e -> assertThat(e.getKeyValuePairs().toString())
                        .contains("prefix=\"8497\"", "reason=\"expired\""));
        assertThat(redis.commands().pttl("pumping:{holds}")).as("no key left without a TTL").isNotEqualTo(-1L);
    }

    @Test
    void operatorHoldsAndReleasesAPrefixByHand() throws Exception {
        GatewayHarness gw = gateway();
        HttpResponse<String> put = gw.put("/v1/admin/prefix-holds/8455", OPS_KEY, "{\"duration\":\"10m\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).getString("until")).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)).toString());
        assertThat(json(put).getJsonObject("reason"))
                .isEqualTo(new JsonObject().put("source", "manual").put("by", "ops"));
        assertThat(redis.commands().pttl("pumping:{holds}")).isPositive();

        HttpResponse<String> refused = gw.issue("LOGIN", citizen(), "0551234567");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("600");
        assertThat(gw.issue("LOGIN", citizen(), "0561234567").statusCode()).as("the next range").isEqualTo(202);

        HttpResponse<String> noBody = gw.send(gw.request("/v1/admin/prefix-holds/8456")
                .header("Authorization", "Bearer " + OPS_KEY).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(noBody.statusCode()).isEqualTo(200);
        assertThat(json(noBody).getString("until")).as("holdFor by default")
                .isEqualTo(clock.instant().plus(GUARD.holdFor()).toString());
        JsonArray holds = json(gw.get("/v1/admin/prefix-holds", OPS_KEY)).getJsonArray("holds");
        assertThat(holds.stream().map(h -> ((JsonObject) h).getString("prefix"))).containsExactly("8455", "8456");

        assertThat(delete(gw, "/v1/admin/prefix-holds/8455").statusCode()).isEqualTo(200);
        assertThat(gw.issue("LOGIN", citizen(), "0551234567").statusCode()).isEqualTo(202);
        HttpResponse<String> again = delete(gw, "/v1/admin/prefix-holds/8455");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).getString("code")).isEqualTo("prefix_hold.not_found");
    }

    @Test
    void whileRedisIsDownKnownHoldsStayInForceAndTheAdminRoutesAnswer503() throws Exception {
        GatewayHarness gw = gateway();
        assertThat(gw.put("/v1/admin/prefix-holds/8496", OPS_KEY, "{}").statusCode()).isEqualTo(200);
        redis.server().stop();
        try {
            HttpResponse<String> held = gw.issue("ACTIVATE", citizen(), "0961234567");
            assertThat(held.statusCode()).as("refused from the instance's copy, no Redis call").isEqualTo(429);
            assertThat(json(held).getString("code")).isEqualTo("otp.prefix_held");
            assertThat(json(gw.issue("ACTIVATE", citizen(), "0911234567")).getString("code"))
                    .isEqualTo("store.unavailable");
            for (HttpResponse<String> r : List.of(gw.get("/v1/admin/prefix-holds", OPS_KEY),
                    gw.put("/v1/admin/prefix-holds/8497", OPS_KEY, "{}"), delete(gw, "/v1/admin/prefix-holds/8496"))) {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(json(r).getString("code")).isEqualTo("store.unavailable");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
            GatewayHarness.awaitTrue(() -> !logged("otp.prefix_hold.store_unavailable").isEmpty(), DEADLINE);
        } finally {
            redis.server().start();
        }
        GatewayHarness.awaitTrue(() -> !logged("otp.prefix_hold.store_available").isEmpty(), DEADLINE);
        assertThat(logged("otp.prefix_hold.store_unavailable")).as("one WARN per outage, not one per tick")
                .singleElement().satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        assertThat(gw.issue("ACTIVATE", citizen(), "0961234567").statusCode())
                .as("this Redis restarted empty: the hold went with it").isEqualTo(202);
    }

    @Test
    void badPrefixesAndDurationsAreRefusedNamingTheField() throws Exception {
        GatewayHarness gw = gateway();
        for (String prefix : List.of("8A96", "0912", "849", "84961", "%20849", "9496")) {
            HttpResponse<String> r = gw.put("/v1/admin/prefix-holds/" + prefix, OPS_KEY, "{}");
            assertThat(r.statusCode()).as(prefix).isEqualTo(400);
            assertThat(json(r).getString("field")).as(prefix).isEqualTo("prefix");
            assertThat(delete(gw, "/v1/admin/prefix-holds/" + prefix).statusCode()).as(prefix).isEqualTo(400);
        }
        for (String body : List.of("{\"duration\":\"5s\"}", "{\"duration\":\"31d\"}", "{\"duration\":\"soon\"}",
                "{\"duration\":\"99999999999999999999d\"}", "{\"duration\":\"PT-5M\"}", "{\"duration\":60}")) {
            HttpResponse<String> r = gw.put("/v1/admin/prefix-holds/8496", OPS_KEY, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(r).getString("field")).as(body).isEqualTo("duration");
        }
        assertThat(json(gw.put("/v1/admin/prefix-holds/8496", OPS_KEY, "{\"until\":\"2h\"}")).getString("field"))
                .isEqualTo("until");
        assertThat(gw.put("/v1/admin/prefix-holds/8496", OPS_KEY, "[1]").statusCode()).isEqualTo(400);
        assertThat(gw.put("/v1/admin/prefix-holds/8496", OTP_KEY, "{}").statusCode()).as("admin scope").isEqualTo(403);
        assertThat(gw.get("/v1/admin/prefix-holds", OTP_KEY).statusCode()).isEqualTo(403);
        assertThat(delete(gw, "/v1/admin/prefix-holds/8496").statusCode()).as("nothing was held").isEqualTo(404);
    }

    /** {@code count} OTPs to as many numbers of {@code prefix}, each for another citizen, none verified. */
    private void pump(GatewayHarness gw, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(gw.issue("ACTIVATE", citizen(), prefix + String.format("%07d", i)).statusCode())
                    .as("pumped OTP %d", i).isEqualTo(202);
        }
    }

    private void issueAndVerify(GatewayHarness gw, String prefix) throws Exception {
        String citizen = citizen();
        String phone = prefix + String.format("%07d", citizens);
        assertThat(gw.issue("ACTIVATE", citizen, phone).statusCode()).as("issue to " + prefix).isEqualTo(202);
        assertThat(gw.verify("ACTIVATE", citizen, gw.awaitCode(phone, 1)).statusCode()).isEqualTo(200);
    }

    private void awaitHeld(GatewayHarness gw, String prefix) {
        GatewayHarness.awaitTrue(() -> scrape(gw).contains("otp_prefix_held{prefix=\"" + prefix + "\"} 1.0"), DEADLINE);
    }

    /** The guard's log events named {@code event}. */
    private List<ILoggingEvent> logged(String event) {
        List<ILoggingEvent> snapshot;
        synchronized (logs) { // background threads log while the test reads; the appender appends under this lock
            snapshot = List.copyOf(logs.list);
        }
        return snapshot.stream().filter(e -> e.getKeyValuePairs() != null && e.getKeyValuePairs().stream()
                .anyMatch(kv -> kv.key.equals("event") && event.equals(kv.value))).toList();
    }

    private String citizen() {
        return String.format("0790990%05d", ++citizens);
    }

    private GatewayHarness gateway() throws Exception {
        if (smsc == null) {
            smsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(50)).start();
            started.add(smsc);
        }
        String smscUrl = "smpp://vneid:secret@127.0.0.1:" + smsc.port() + "?window=16";
        GatewayConfig config = new GatewayConfig(false, "127.0.0.1", 0, Optional.of(redis.url()), Duration.ofMillis(500),
                SmscConfig.single(CarrierUrl.parse("default", smscUrl)),
                ApiKeys.parse("test", "backend:" + OTP_KEY + ":otp,ops:" + OPS_KEY + ":otp+admin"),
                Optional.of(GatewayHarness.SECRET.getBytes(StandardCharsets.UTF_8)), OtpPolicies.defaults(),
                Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(24), NoticesConfig.defaults())
                .withPumpingGuard(GUARD);
        Gateway gateway = Gateway.start(config, clock);
        started.add(gateway);
        GatewayHarness.awaitTrue(gateway.sender()::isAvailable, DEADLINE);
        return GatewayHarness.wrap(gateway, smsc);
    }

    private static HttpResponse<String> delete(GatewayHarness gw, String path) throws Exception {
        return gw.send(gw.request(path).header("Authorization", "Bearer " + OPS_KEY).DELETE());
    }

    private static String scrape(GatewayHarness gw) {
        try {
            return gw.get("/metrics", null).body();
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }
}
