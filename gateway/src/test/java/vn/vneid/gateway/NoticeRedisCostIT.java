package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisCommandCounter;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * What a notice costs Redis, measured on real parts: the commands Redis sees ({@code MONITOR}) over N notices sent
 * through the HTTP API, dispatched to the SMSC simulator and settled by its receipts. Three figures per notice: the
 * commands the gateway sends (a script counts once), the scripts among them, and every command run (script bodies
 * included). Background loops (housekeeping, sweeps) run meanwhile and are in the counts. The bounds guard against
 * a regression to one command per step and recipient; the printed breakdown is what the README reports.
 */
class NoticeRedisCostIT {
    static final int N = 400;
    /**
     * Generous: on a loaded machine a settle may time out, and its entry is then taken over only after the reclaim
     * time (1 minute, checked every 30 s).
     */
    static final Duration SETTLED_WITHIN = Duration.ofMinutes(3);
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
    }

    @Test
    void aTransactionalNoticeCostsFewRedisCommandsFromRequestToReceipt() throws Exception {
        long receipts = gw.smsc.receiptsAcknowledged() + 20;
        sendNotices(20, "0351");   // warm-up: scripts loaded, groups made, connections open
        GatewayHarness.awaitTrue(() -> gw.smsc.receiptsAcknowledged() >= receipts, Duration.ofSeconds(30));
        RedisCommandCounter monitor = RedisCommandCounter.start(redis.port());
        sendNotices(N, "0352");
        GatewayHarness.awaitTrue(() -> gw.smsc.receiptsAcknowledged() - receipts >= N, SETTLED_WITHIN);
        GatewayHarness.awaitTrue(() -> gw.gateway.noticesInFlight() == 0, Duration.ofSeconds(10));
        Cost cost = Cost.of(monitor);
        System.out.printf("notice cost over %d TRANSACTIONAL notices: %.2f commands sent, %.2f scripts, %.2f commands "
                + "run (script bodies included) per notice; by command %s%n", N, cost.sent() / (double) N,
                cost.scripts() / (double) N, cost.run() / (double) N, cost.byCommand());
        assertThat(cost.sent() / (double) N).as("commands sent per notice").isLessThanOrEqualTo(8.0);
    }

    @Test
    void aCampaignRecipientCostsFewRedisCommandsFromUploadToReceipt() throws Exception {
        long receipts = gw.smsc.receiptsAcknowledged() + 20;
        sendNotices(20, "0351");
        GatewayHarness.awaitTrue(() -> gw.smsc.receiptsAcknowledged() >= receipts, Duration.ofSeconds(30));
        String id = json(gw.post("/v1/campaigns", GatewayHarness.OPS_KEY, new JsonObject().put("name", "Chuc mung")
                .put("template", "BIRTHDAY").put("maxRate", 10_000).encode())).getString("campaignId");
        RedisCommandCounter monitor = RedisCommandCounter.start(redis.port());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < N; i++) {
            b.append("{\"to\":\"038").append(String.format("%07d", i)).append("\",\"vars\":{\"name\":\"An\"}}\n");
        }
        HttpResponse<String> up = gw.send(gw.request("/v1/campaigns/" + id + "/recipients")
                .header("Authorization", "Bearer " + GatewayHarness.OPS_KEY).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(gw.post("/v1/campaigns/" + id + "/start", GatewayHarness.OPS_KEY, "{}").statusCode()).isEqualTo(200);
        long[] last = {System.nanoTime()};
        GatewayHarness.awaitTrue(() -> {   // campaign pacing runs on the gateway's clock: move it with real time
            long now = System.nanoTime();
            gw.clock.advance(Duration.ofNanos(now - last[0]));
            last[0] = now;
            return gw.smsc.receiptsAcknowledged() - receipts >= N;
        }, SETTLED_WITHIN);
        GatewayHarness.awaitTrue(() -> gw.gateway.noticesInFlight() == 0, Duration.ofSeconds(10));
        Cost cost = Cost.of(monitor);
        System.out.printf("campaign cost over %d recipients: %.2f commands sent, %.2f scripts, %.2f commands run "
                + "(script bodies included) per recipient; by command %s%n", N, cost.sent() / (double) N,
                cost.scripts() / (double) N, cost.run() / (double) N, cost.byCommand());
        assertThat(cost.sent() / (double) N).as("commands sent per recipient").isLessThanOrEqualTo(12.0);
    }

    private void sendNotices(int count, String prefix) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String to = prefix + String.format("%06d", i);
                sent.add(senders.submit(() -> gw.post("/v1/messages", GatewayHarness.OTP_KEY, new JsonObject()
                        .put("to", to).put("text", "Ho so cua ban da duoc duyet").put("category", "TRANSACTIONAL")
                        .encode()).statusCode()));
            }
            for (Future<Integer> f : sent) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(202);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return new JsonObject(r.body());
    }

    /** {@code sent}: commands the gateway sent (a script once); {@code run}: every command run, script bodies included. */
    record Cost(long sent, long scripts, long run, Map<String, Long> byCommand) {
        static Cost of(RedisCommandCounter monitor) {
            monitor.settle();   // everything sent before this has been counted
            monitor.close();
            Map<String, Long> by = new TreeMap<>(monitor.clientCommands());
            long sent = by.values().stream().mapToLong(Long::longValue).sum();
            long scripts = by.getOrDefault("evalsha", 0L) + by.getOrDefault("eval", 0L);
            long inScripts = monitor.scriptCommands().values().stream().mapToLong(Long::longValue).sum();
            return new Cost(sent, scripts, sent - scripts + inScripts, by);
        }
    }
}
