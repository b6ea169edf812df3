package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.config.SmscConfig;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * A whole gateway on loopback for tests: the real HTTP server on an ephemeral port, a real Redis (given),
 * the real SMSC simulator, a clock the test moves, and a plain JDK HTTP client over a socket.
 */
final class GatewayHarness implements AutoCloseable {
    static final String OTP_KEY = "test-otp-client-key-0123456789abcdef";
    static final String READER_KEY = "test-reader-client-key-0123456789ab";
    static final String OPS_KEY = "test-ops-client-key-all-scopes-0123456";
    static final String SECRET = "test-secret-test-secret-test-secret-0123";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    final SmscSimulator smsc;
    final Gateway gateway;
    final MutableClock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private GatewayHarness(SmscSimulator smsc, Gateway gateway, MutableClock clock) {
        this.smsc = smsc;
        this.gateway = gateway;
        this.clock = clock;
        this.base = "http://127.0.0.1:" + gateway.port();
    }

    static GatewayHarness start(String redisUrl) throws Exception {
        return start(redisUrl, OtpPolicies.defaults());
    }

    static GatewayHarness start(String redisUrl, OtpPolicies policies) throws Exception {
        return start(redisUrl, policies, vn.vneid.gateway.config.NoticesConfig.defaults());
    }

    static GatewayHarness start(String redisUrl, OtpPolicies policies, vn.vneid.gateway.config.NoticesConfig notices)
            throws Exception {
        return start(redisUrl, policies, notices, config -> config);
    }

    /** As the others, with the configuration changed by {@code tweak} before the start. */
    static GatewayHarness start(String redisUrl, java.util.function.UnaryOperator<GatewayConfig> tweak) throws Exception {
        return start(redisUrl, OtpPolicies.defaults(), vn.vneid.gateway.config.NoticesConfig.defaults(), tweak);
    }

    static GatewayHarness start(String redisUrl, OtpPolicies policies, vn.vneid.gateway.config.NoticesConfig notices,
                                java.util.function.UnaryOperator<GatewayConfig> tweak) throws Exception {
        SmscSimulator smsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(50)).start();
        MutableClock clock = MutableClock.startingAt2025();
        GatewayConfig config = new GatewayConfig(false, "127.0.0.1", 0, Optional.of(redisUrl), Duration.ofMillis(500),
                SmscConfig.single(CarrierUrl.parse("default", "smpp://vneid:secret@127.0.0.1:" + smsc.port() + "?window=16")),
                ApiKeys.parse("test", "backend:" + OTP_KEY + ":otp+messages,reader:" + READER_KEY + ":messages,ops:"
                        + OPS_KEY + ":otp+messages+campaigns+admin"),
                Optional.of(SECRET.getBytes(StandardCharsets.UTF_8)), policies,
                Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(24), notices);
        Gateway gateway;
        try {
            gateway = Gateway.start(tweak.apply(config), clock);
        } catch (Exception e) {
            smsc.close();
            throw e;
        }
        awaitTrue(gateway.sender()::isAvailable, Duration.ofSeconds(10));
        return new GatewayHarness(smsc, gateway, clock);
    }

    /** A harness around a gateway started by the test; {@code smsc} is the simulator codes are read from. */
    static GatewayHarness wrap(Gateway gateway, SmscSimulator smsc) {
        return new GatewayHarness(smsc, gateway, null);
    }

    HttpResponse<String> post(String path, String key, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends without waiting (a streamed body written by the test while the request runs); 60 s timeout. */
    java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    HttpResponse<String> put(String path, String key, String body) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = request(path).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b);
    }

    HttpResponse<String> issue(String purpose, String citizenId, String phone) throws Exception {
        return post("/v1/otp", OTP_KEY, new JsonObject().put("purpose", purpose).put("citizenId", citizenId)
                .put("phone", phone).encode());
    }

    HttpResponse<String> verify(String purpose, String citizenId, String code) throws Exception {
        return post("/v1/otp/verify", OTP_KEY, new JsonObject().put("purpose", purpose).put("citizenId", citizenId)
                .put("code", code).encode());
    }

    /** Waits for the {@code nth} (1-based) SMS to {@code msisdn} and returns the code in it. */
    String awaitCode(String msisdn, int nth) throws Exception {
        awaitTrue(() -> smsc.messagesTo(msisdn).size() >= nth, Duration.ofSeconds(10));
        ReceivedSms sms = smsc.messagesTo(msisdn).get(nth - 1);
        Matcher m = CODE.matcher(sms.text());
        assertThat(m.find()).as("a 6-digit code in the SMS").isTrue();
        return m.group(1);
    }

    static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LockSupport.parkNanos(1_000_000); // poll interval, bounded by the deadline above
        }
    }

    static Map<String, List<String>> headers(HttpResponse<String> r) {
        return r.headers().map();
    }

    @Override
    public void close() {
        gateway.close();
        smsc.close();
    }
}
