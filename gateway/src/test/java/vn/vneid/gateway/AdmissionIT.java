package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.awaitTrue;
import static vn.vneid.gateway.GatewayHarness.json;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.search.Search;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.admission.AdmissionConfig;
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
 * Admission control on a whole gateway with a fixed limit of 10 (bulk 5, transactional 7, OTP issue 9, OTP
 * verify 10 in flight). Requests pile up deterministically: Redis is told to hold every write
 * ({@code CLIENT PAUSE ... WRITE}), so each admitted OTP request waits on its Lua script until the test lets go,
 * while reads, and everything the gateway answers without Redis, go on.
 */
class AdmissionIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    /** Far more than any pending request waits here: the test, not a timeout, ends the pause. */
    private static final Duration PAUSE = Duration.ofSeconds(20);
    /** What "answered at once" means on a slow, shared 2-core CI machine (typically 1-5 ms here). */
    private static final Duration AT_ONCE = Duration.ofMillis(500);
    private static final String KEY = "admission-test-key-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    private SmscSimulator smsc;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        smsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(50)).start();
        GatewayConfig config = new GatewayConfig(false, "127.0.0.1", 0, Optional.of(redis.url()), PAUSE.plusSeconds(10),
                SmscConfig.single(CarrierUrl.parse("default", "smpp://vneid:secret@127.0.0.1:" + smsc.port())),
                ApiKeys.parse("test", "ops:" + KEY + ":otp+messages+campaigns+admin"),
                Optional.of(GatewayHarness.SECRET.getBytes(StandardCharsets.UTF_8)), OtpPolicies.defaults(),
                Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(24), NoticesConfig.defaults())
                .withAdmission(AdmissionConfig.fixed(10));
        gateway = Gateway.start(config, MutableClock.startingAt2025());
        awaitTrue(gateway.sender()::isAvailable, Duration.ofSeconds(10));
        // The held verifies need a live code: without one, verify answers from a read, which a write pause lets by.
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> issued = http.send(request("/v1/otp").POST(body(new JsonObject().put("purpose", "ACTIVATE")
                    .put("citizenId", heldCitizen(i)).put("phone", String.format("09120002%02d", i)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
        }
        awaitInFlight(0);
    }

    private static String heldCitizen(int i) {
        return String.format("0010990002%02d", i);
    }

    @AfterEach
    void stop() throws Exception {
        unpauseRedis();
        for (CompletableFuture<HttpResponse<String>> p : pending) {
            p.handle((r, e) -> null).get(20, TimeUnit.SECONDS);
        }
        gateway.close();
        smsc.close();
    }

    @Test
    void pastItsLimitTheGatewayShedsBulkFirstAndVerifyLastAtOnceWhileAdmittedRequestsComplete() throws Exception {
        pauseRedisWrites();
        holdVerifies(7); // between the transactional (7) and the issue (9) thresholds

        assertOverloaded(post("/v1/campaigns", new JsonObject().put("name", "greetings").put("template", "BIRTHDAY")
                .put("maxRate", 10)));
        assertOverloaded(post("/v1/messages", notice("TRANSACTIONAL")));
        assertOverloaded(post("/v1/messages", notice("BULK")));
        assertOverloaded(send(request("/v1/messages/msg_00000000000000000000000000000000").GET()));

        CompletableFuture<HttpResponse<String>> issue = sendAsync(request("/v1/otp").POST(body(new JsonObject()
                .put("purpose", "ACTIVATE").put("citizenId", "001099000100").put("phone", "0912000100"))));
        awaitInFlight(8);
        holdVerifies(2);
        assertThat(inFlight()).isEqualTo(10);
        assertOverloaded(post("/v1/otp/verify", verify("001099000999")));
        assertOverloaded(post("/v1/otp", new JsonObject().put("purpose", "ACTIVATE").put("citizenId", "001099000101")
                .put("phone", "0912000101")));

        assertThat(send(request("/health/live").GET()).statusCode()).as("health is never shed").isEqualTo(200);
        HttpResponse<String> scrape = send(request("/metrics").GET());
        assertThat(scrape.statusCode()).as("metrics are never shed").isEqualTo(200);
        assertThat(scrape.body()).contains("gateway_admission_limit 10.0", "gateway_admission_inflight 10.0");
        assertThat(issue).as("admitted, waiting on Redis").isNotDone();

        unpauseRedis();
        assertThat(issue.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        for (CompletableFuture<HttpResponse<String>> verify : pending) {
            HttpResponse<String> r = verify.get(20, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as("an admitted verify completes (a wrong code): " + r.body()).isEqualTo(422);
        }
        awaitInFlight(0);
        // A BULK notice past the transactional share is refused before its body is read: counted as transactional.
        assertThat(rejected("bulk")).isEqualTo(1);
        assertThat(rejected("transactional")).isEqualTo(3);
        assertThat(rejected("issue")).isEqualTo(1);
        assertThat(rejected("verify")).isEqualTo(1);
        assertThat(send(request("/v1/campaigns").POST(body(new JsonObject().put("name", "greetings")
                .put("template", "BIRTHDAY").put("maxRate", 10)))).statusCode()).as("bulk again once below its share")
                .isEqualTo(201);
    }

    @Test
    void aNoticeIsShedByTheCategoryInItsBody() throws Exception {
        pauseRedisWrites();
        holdVerifies(5); // at the bulk threshold, under the transactional one
        assertOverloaded(post("/v1/messages", notice("BULK")));
        CompletableFuture<HttpResponse<String>> transactional = sendAsync(request("/v1/messages").POST(body(notice("TRANSACTIONAL"))));
        awaitInFlight(6);
        unpauseRedis();
        assertThat(transactional.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertThat(rejected("bulk")).isEqualTo(1);
        assertThat(rejected("transactional")).isZero();
    }

    @Test
    void aRefusalBeforeTheBodyIsReadKeepsASmallRequestsConnectionAndClosesAnUploads() throws Exception {
        pauseRedisWrites();
        holdVerifies(10);
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            String otp = new JsonObject().put("purpose", "ACTIVATE").put("citizenId", "001099000102")
                    .put("phone", "0912000102").encode();
            write(socket, "POST /v1/otp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + otp.length() + "\r\n\r\n" + otp);
            RawResponse refused = RawResponse.read(socket.getInputStream());
            assertThat(refused.status).isEqualTo(503);
            assertThat(refused.body).contains("\"code\":\"overloaded\"");
            write(socket, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(RawResponse.read(socket.getInputStream()).status).as("same connection, next request").isEqualTo(200);
        }
        String campaign = "cmp_00000000000000000000000000000000";
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            write(socket, "POST /v1/campaigns/" + campaign + "/recipients HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + KEY + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 50000000\r\n\r\n"
                    + "{\"to\":\"0912000103\"}\n".repeat(1000));
            RawResponse refused = RawResponse.read(socket.getInputStream());
            assertThat(refused.status).isEqualTo(503);
            assertThat(refused.headers).containsIgnoringCase("connection: close");
            assertThat(socket.getInputStream().read()).as("closed after the answer, the 50 MB never read").isEqualTo(-1);
        }
    }

    private void holdVerifies(int count) {
        int target = inFlight() + count;
        for (int i = 0; i < count; i++) {
            pending.add(sendAsync(request("/v1/otp/verify").POST(body(verify(heldCitizen(i))))));
        }
        awaitInFlight(target);
    }

    private void assertOverloaded(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(json(r).getString("code")).isEqualTo("overloaded");
    }

    /** Sends and checks the answer came at once: a shed request never waits on what holds the admitted ones. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("answered at once").isLessThan(AT_ONCE);
        return r;
    }

    private HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return send(request(path).POST(body(body)));
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(PAUSE.plusSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher body(JsonObject json) {
        return HttpRequest.BodyPublishers.ofString(json.encode());
    }

    private static JsonObject notice(String category) {
        return new JsonObject().put("to", "0912000104").put("text", "Thong bao").put("category", category);
    }

    private static JsonObject verify(String citizenId) {
        return new JsonObject().put("purpose", "ACTIVATE").put("citizenId", citizenId).put("code", "123456");
    }

    private int inFlight() {
        return (int) gateway.registry().get(AdmissionMetrics.IN_FLIGHT).gauge().value();
    }

    private void awaitInFlight(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight() != expected) {
            if (System.nanoTime() > deadline) {
                List<String> done = pending.stream().filter(CompletableFuture::isDone)
                        .map(f -> f.handle((r, e) -> e == null ? r.statusCode() + " " + r.body() : e.toString()).join())
                        .toList();
                throw new AssertionError("in flight " + inFlight() + ", expected " + expected + "; held requests already"
                        + " answered: " + done);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private double rejected(String requestClass) {
        return Search.in(gateway.registry()).name(AdmissionMetrics.REJECTED).tag("class", requestClass).counter().count();
    }

    private static void pauseRedisWrites() {
        redis.commands().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(PAUSE.toMillis()).add("WRITE"));
    }

    private static void unpauseRedis() {
        redis.commands().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE"));
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One HTTP/1.1 answer with a Content-Length, read off a raw socket. */
    private record RawResponse(int status, String headers, String body) {
        static RawResponse read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the headers: " + head);
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(headers.substring(9, 12)), headers, body);
        }
    }
}
