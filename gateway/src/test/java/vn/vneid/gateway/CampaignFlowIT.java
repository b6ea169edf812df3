package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisServerExtension;

/** Campaigns through the HTTP API on real parts: a 100,000-recipient upload drains completely; pause, resume and cancel. */
class CampaignFlowIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayHarness.start(redis.url());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aHundredThousandRecipientsDrainCompletelyAndTheTotalsMatchTheSmsc() throws Exception {
        String id = create("Nhac kich hoat tai khoan", "ACTIVATION_REMINDER", 10_000);
        int lines = 100_000;
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        for (int i = 1; i <= lines; i++) {
            String line = switch (i) {
                case 17 -> "{\"to\":\"0112345678\",\"vars\":{\"deadline\":\"2026-12-01\"}}";   // not a mobile prefix
                case 5000 -> "{\"to\":\"0961000000\",\"vars\":{}}";                            // deadline missing
                case 77777 -> "{not json";
                default -> "{\"to\":\"" + String.format("035%07d", i) + "\",\"vars\":{\"deadline\":\"2026-12-01\"}}";
            };
            ndjson.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> upload = gw.send(gw.request("/v1/campaigns/" + id + "/recipients")
                .header("Authorization", "Bearer " + GatewayHarness.OPS_KEY).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(ndjson.toByteArray())));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        JsonObject report = json(upload);
        assertThat(report.getLong("queued")).isEqualTo(lines - 3);
        assertThat(report.getLong("invalid")).isEqualTo(3);
        assertThat(report.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getLong("line")))
                .containsExactly(17L, 5000L, 77777L);

        assertThat(action(id, "start").statusCode()).isEqualTo(200);
        awaitTrue(() -> "COMPLETED".equals(campaign(id).getString("state")), Duration.ofMinutes(3));
        JsonObject totals = campaign(id).getJsonObject("totals");
        assertThat(totals.getLong("submitted")).isEqualTo(lines - 3);
        assertThat(gw.smsc.receivedCount()).isEqualTo(lines - 3);
        assertThat(gw.smsc.duplicateCount()).isZero();
        awaitTrue(() -> campaign(id).getJsonObject("totals").getLong("delivered") == lines - 3, Duration.ofMinutes(2));
        assertThat(gw.get("/metrics", null).body())
                .containsPattern("campaign_recipients_total\\{state=\"submitted\"} 9999[7-9]|campaign_recipients_total\\{state=\"submitted\"} 1\\d{5}")
                .contains("queue_depth{carrier=\"any\",lane=\"bulk\"}");
    }

    @Test
    void pauseStopsSendingResumeFinishesAndCancelDropsTheRest() throws Exception {
        long before = gw.smsc.receivedCount();
        String paused = create("Chuc mung sinh nhat thang 3", "BIRTHDAY", 200);
        upload(paused, 600, "038");
        assertThat(action(paused, "start").statusCode()).isEqualTo(200);
        awaitTrue(() -> gw.smsc.receivedCount() - before >= 50, Duration.ofSeconds(20));
        assertThat(action(paused, "pause").statusCode()).isEqualTo(200);
        awaitTrue(() -> gw.gateway.noticesInFlight() == 0, Duration.ofSeconds(10));
        long atPause = gw.smsc.receivedCount();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
        while (System.nanoTime() < until) {   // the dispatcher learns of the pause within a second, then sends nothing
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            gw.clock.advance(Duration.ofMillis(50));
        }
        long settled = gw.smsc.receivedCount();
        assertThat(settled - atPause).as("sent after the pause was seen").isLessThanOrEqualTo(200);
        long stable = gw.smsc.receivedCount();
        until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < until) {
            assertThat(gw.smsc.receivedCount()).as("nothing while paused").isEqualTo(stable);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            gw.clock.advance(Duration.ofMillis(50));
        }
        assertThat(action(paused, "resume").statusCode()).isEqualTo(200);
        awaitTrue(() -> "COMPLETED".equals(campaign(paused).getString("state")), Duration.ofSeconds(30));
        assertThat(campaign(paused).getJsonObject("totals").getLong("submitted")).isEqualTo(600);

        String cancelled = create("Chuc mung sinh nhat thang 4", "BIRTHDAY", 5);
        upload(cancelled, 300, "039");
        assertThat(action(cancelled, "start").statusCode()).isEqualTo(200);
        awaitTrue(() -> campaign(cancelled).getJsonObject("totals").getLong("submitted") >= 3, Duration.ofSeconds(20));
        assertThat(action(cancelled, "cancel").statusCode()).isEqualTo(200);
        JsonObject totals = campaign(cancelled).getJsonObject("totals");
        assertThat(campaign(cancelled).getString("state")).isEqualTo("CANCELLED");
        assertThat(totals.getLong("cancelled")).isGreaterThan(200);
        assertThat(action(cancelled, "resume").statusCode()).isEqualTo(409);
    }

    private static String create(String name, String template, int maxRate) throws Exception {
        HttpResponse<String> r = gw.post("/v1/campaigns", GatewayHarness.OPS_KEY, new JsonObject().put("name", name)
                .put("template", template).put("maxRate", maxRate).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).getString("campaignId");
    }

    private static void upload(String id, int count, String prefix) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("{\"to\":\"").append(prefix).append(String.format("%07d", i)).append("\",\"vars\":{\"name\":\"An\"}}\n");
        }
        HttpResponse<String> r = gw.send(gw.request("/v1/campaigns/" + id + "/recipients")
                .header("Authorization", "Bearer " + GatewayHarness.OPS_KEY).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).getLong("queued")).isEqualTo(count);
    }

    private static HttpResponse<String> action(String id, String action) throws Exception {
        return gw.post("/v1/campaigns/" + id + "/" + action, GatewayHarness.OPS_KEY, "{}");
    }

    private static JsonObject campaign(String id) {
        try {
            return json(gw.get("/v1/campaigns/" + id, GatewayHarness.OPS_KEY));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits while the gateway's clock moves with real time (campaign pacing runs on that clock). */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) {
        long[] last = {System.nanoTime()};
        GatewayHarness.awaitTrue(() -> {
            long now = System.nanoTime();
            gw.clock.advance(Duration.ofNanos(now - last[0]));
            last[0] = now;
            return condition.getAsBoolean();
        }, timeout);
    }

}
