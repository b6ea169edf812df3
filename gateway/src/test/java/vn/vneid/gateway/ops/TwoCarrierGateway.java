package vn.vneid.gateway.ops;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.vneid.gateway.Gateway;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.config.SmscConfig;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.routing.Route;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * A whole gateway on loopback over two carriers, for the operators' checks (after {@code GatewayHarness} and
 * {@code MultiCarrierIT}, which are package-private): numbers 8496/8486 go to {@code viettel} with
 * {@code mobifone} as failover, everything else to {@code mobifone}; both simulators send receipts.
 */
final class TwoCarrierGateway implements AutoCloseable {
    static final String KEY = "test-ops-client-key-0123456789abcdef";
    private static final String SECRET = "test-secret-test-secret-test-secret-0123";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    final SmscSimulator viettel;
    final SmscSimulator mobifone;
    final Gateway gateway;
    final MutableClock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private TwoCarrierGateway(SmscSimulator viettel, SmscSimulator mobifone, Gateway gateway, MutableClock clock) {
        this.viettel = viettel;
        this.mobifone = mobifone;
        this.gateway = gateway;
        this.clock = clock;
        this.base = "http://127.0.0.1:" + gateway.port();
    }

    static TwoCarrierGateway start(String redisUrl) throws Exception {
        SmscSimulator viettel = SmscSimulator.builder().receiptDelay(Duration.ofMillis(20)).start();
        SmscSimulator mobifone = SmscSimulator.builder().receiptDelay(Duration.ofMillis(20)).start();
        SmscConfig smsc = new SmscConfig(List.of(
                CarrierUrl.parse("viettel", "smpp://vneid:secret@127.0.0.1:" + viettel.port()),
                CarrierUrl.parse("mobifone", "smpp://vneid:secret@127.0.0.1:" + mobifone.port())),
                List.of(new Route(List.of("8496", "8486"), "viettel", Optional.of("mobifone"))),
                Optional.of(new Route(List.of(), "mobifone", Optional.empty())));
        MutableClock clock = MutableClock.startingAt2025();
        GatewayConfig config = new GatewayConfig(false, "127.0.0.1", 0, Optional.of(redisUrl), Duration.ofMillis(500),
                smsc, ApiKeys.parse("test", "backend:" + KEY + ":otp+messages"),
                Optional.of(SECRET.getBytes(StandardCharsets.UTF_8)), OtpPolicies.defaults(),
                Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(24), vn.vneid.gateway.config.NoticesConfig.defaults());
        Gateway gateway = Gateway.start(config, clock);
        awaitTrue(() -> gateway.sender().carriers().values().stream().allMatch(c -> c.isAvailable()),
                Duration.ofSeconds(10));
        return new TwoCarrierGateway(viettel, mobifone, gateway, clock);
    }

    HttpResponse<String> issue(String purpose, String citizenId, String phone) throws Exception {
        return post("/v1/otp", new JsonObject().put("purpose", purpose).put("citizenId", citizenId)
                .put("phone", phone).encode());
    }

    HttpResponse<String> verify(String purpose, String citizenId, String code) throws Exception {
        return post("/v1/otp/verify", new JsonObject().put("purpose", purpose).put("citizenId", citizenId)
                .put("code", code).encode());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the {@code nth} (1-based) SMS to {@code msisdn} at {@code smsc} and returns the code in it. */
    static String awaitCode(SmscSimulator smsc, String msisdn, int nth) {
        awaitTrue(() -> smsc.messagesTo(msisdn).size() >= nth, Duration.ofSeconds(10));
        Matcher m = CODE.matcher(smsc.messagesTo(msisdn).get(nth - 1).text());
        if (!m.find()) {
            throw new AssertionError("no 6-digit code in the SMS to " + msisdn);
        }
        return m.group(1);
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LockSupport.parkNanos(5_000_000); // poll interval, bounded by the deadline above
        }
    }

    @Override
    public void close() {
        gateway.close();
        viettel.close();
        mobifone.close();
    }
}
