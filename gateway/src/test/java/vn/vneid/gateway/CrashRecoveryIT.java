package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.vneid.otp.testing.RedisServerExtension;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * The gateway as its own process, killed with SIGKILL in the middle of a campaign and started again: every
 * recipient still gets its SMS, and no more are sent twice than the dispatcher had in flight.
 */
class CrashRecoveryIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final String KEY = "crash-test-key-all-scopes-0123456789";
    private static final int RECIPIENTS = 3000;
    private static final int MAX_IN_FLIGHT = 32;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCampaignSurvivesAKilledGateway(@TempDir Path dir) throws Exception {
        try (SmscSimulator smsc = SmscSimulator.builder().submitLatency(Duration.ofMillis(2)).start()) {
            int port = freePort();
            Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, String.join("\n",
                    "http: {host: 127.0.0.1, port: " + port + "}",
                    "redis: {url: \"" + redis.url() + "\"}",
                    "smsc: {url: \"smpp://vneid:secret@127.0.0.1:" + smsc.port() + "?window=8\"}",
                    "apiKeys: [{name: crash, key: " + KEY + ", scopes: [otp, messages, campaigns, admin]}]",
                    "dispatch: {maxInFlight: " + MAX_IN_FLIGHT + ", reclaimIdle: 2s}",
                    "logging: {level: warn}", ""));
            String base = "http://127.0.0.1:" + port;
            Process first = start(config, dir.resolve("first.log"));
            try {
                awaitReady(base);
                String id = json(post(base + "/v1/campaigns", "application/json",
                        new JsonObject().put("name", "Canh bao lua dao").put("template", "SCAM_WARNING")
                                .put("maxRate", 400).encode())).getString("campaignId");
                StringBuilder ndjson = new StringBuilder();
                for (int i = 0; i < RECIPIENTS; i++) {
                    ndjson.append("{\"to\":\"").append(String.format("0362%06d", i)).append("\",\"vars\":{}}\n");
                }
                assertThat(json(post(base + "/v1/campaigns/" + id + "/recipients", "application/x-ndjson",
                        ndjson.toString())).getLong("queued")).isEqualTo(RECIPIENTS);
                post(base + "/v1/campaigns/" + id + "/start", "application/json", "{}");
                awaitTrue(() -> smsc.receivedCount() >= RECIPIENTS / 3, Duration.ofSeconds(60));

                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no shutdown hook, nothing settled
                long atKill = smsc.receivedCount();
                assertThat(atKill).as("killed mid-campaign").isLessThan(RECIPIENTS);

                Process second = start(config, dir.resolve("second.log"));
                try {
                    awaitReady(base);
                    awaitTrue(() -> distinctDestinations(smsc) == RECIPIENTS, Duration.ofSeconds(120));
                    assertThat(smsc.duplicateCount()).as("sent twice").isLessThanOrEqualTo(MAX_IN_FLIGHT);
                    awaitTrue(() -> "COMPLETED".equals(get(base + "/v1/campaigns/" + id).getString("state")),
                            Duration.ofSeconds(30));
                } finally {
                    second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } finally {
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GatewayMain.class.getName(), "--config", config.toString());
        pb.environment().put("GW_OTP_SECRET", "crash-test-secret-0123456789-abcdefghij");
        pb.environment().remove("GW_REDIS_URL");
        pb.environment().remove("GW_SMSC_URL");
        pb.environment().remove("GW_API_KEYS");
        pb.environment().remove("GW_HTTP_PORT");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static long distinctDestinations(SmscSimulator smsc) {
        Set<String> to = new HashSet<>();
        for (ReceivedSms sms : smsc.messages()) {
            to.add(sms.to());
        }
        return to.size();
    }

    private void awaitReady(String base) {
        awaitTrue(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60));
    }

    private HttpResponse<String> post(String url, String type, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isBetween(200, 299);
        return r;
    }

    private JsonObject get(String url) {
        try {
            return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

}
