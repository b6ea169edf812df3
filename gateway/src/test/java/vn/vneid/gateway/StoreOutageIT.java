package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * Redis stopped: every route of the route table answers 503 {@code store.unavailable} with Retry-After, as a
 * problem document, and the outage costs the log one WARN, not an ERROR with a stack trace per request; when
 * Redis is back, one line says so. Background loops (dispatch, webhooks, the pumping guard's tick) and Lettuce
 * log their own outage lines; they are not the request path and are left out of the count.
 */
class StoreOutageIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    /** Loops that run without requests and log outages their own way (the pumping guard's tick: once per outage). */
    static final List<String> BACKGROUND = List.of("vn.vneid.gateway.notices.dispatch", "vn.vneid.gateway.notices.webhooks",
            "vn.vneid.gateway.pumping.PumpingGuard", "io.lettuce");
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    GatewayHarness gw;
    String campaignId;

    @BeforeEach
    void start() throws Exception {
        gw = GatewayHarness.start(redis.url());
        HttpResponse<String> created = gw.post("/v1/campaigns", GatewayHarness.OPS_KEY, campaign());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        campaignId = json(created).getString("campaignId");
        captured.start();
        root().addAppender(captured);
    }

    @AfterEach
    void stop() {
        root().detachAppender(captured);
        gw.close();
        if (!redis.server().isRunning()) {
            redis.server().start();
        }
    }

    @Test
    void everyRouteAnswers503WithRetryAfterAndTheOutageIsOneWarning() throws Exception {
        redis.server().stop();
        String msg = "/v1/messages/msg_0123456789abcdef0123456789abcdef";
        String c = "/v1/campaigns/" + campaignId;
        String[][] routes = {
                {"POST", "/v1/otp", "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099000090\",\"phone\":\"0961000090\"}"},
                {"POST", "/v1/otp/verify", "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099000090\",\"code\":\"123456\"}"},
                {"POST", "/v1/messages", "{\"to\":\"0961000091\",\"category\":\"TRANSACTIONAL\",\"template\":\"BIRTHDAY\","
                        + "\"vars\":{\"name\":\"Lan\"}}"},
                {"GET", msg, null},
                {"POST", "/v1/campaigns", campaign()},
                {"GET", c, null},
                {"POST", c + "/start", ""},
                {"POST", c + "/pause", ""},
                {"POST", c + "/resume", ""},
                {"POST", c + "/cancel", ""},
                {"POST", c + "/recipients", "{\"to\":\"0961000092\",\"vars\":{\"name\":\"Lan\"}}\n"},
                {"PUT", "/v1/templates/OUTAGE_TEST", "{\"vars\":{\"name\":\"TEXT\"},\"bodies\":{\"vi\":\"Chao {name}\"}}"},
                {"GET", "/v1/templates/OUTAGE_TEST", null},
                {"DELETE", "/v1/templates/OUTAGE_TEST", null},
                {"PUT", "/v1/optouts/0961000093", "{\"categories\":[\"BULK\"]}"},
                {"GET", "/v1/optouts/0961000093", null},
                {"DELETE", "/v1/optouts/0961000093", null},
                {"GET", "/v1/admin/prefix-holds", null},
                {"PUT", "/v1/admin/prefix-holds/8496", "{\"duration\":\"30m\"}"},
                {"DELETE", "/v1/admin/prefix-holds/8496", null},
        };
        for (String[] route : routes) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = send(route[0], route[1], route[2]);
                String what = route[0] + " " + route[1] + ": " + r.body();
                assertThat(r.statusCode()).as(what).isEqualTo(503);
                assertThat(r.headers().firstValue("Content-Type")).as(what).contains("application/problem+json");
                assertThat(json(r).getString("code")).as(what).isEqualTo("store.unavailable");
                assertThat(r.headers().firstValue("Retry-After")).as(what).isPresent();
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
        List<ILoggingEvent> events = events();
        List<ILoggingEvent> requestPath = events.stream()
                .filter(e -> BACKGROUND.stream().noneMatch(e.getLoggerName()::startsWith)).toList();
        assertThat(events.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage))
                .as("no ERROR anywhere for an outage").isEmpty();
        assertThat(requestPath.stream().filter(e -> e.getLevel() == Level.WARN).map(StoreOutageIT::line).toList())
                .as(routes.length * 3 + " refused requests, one warning").hasSize(1);
        assertThat(requestPath).allSatisfy(e -> assertThat(e.getThrowableProxy()).as(line(e)).isNull());

        redis.server().start();
        GatewayHarness.awaitTrue(() -> statusOf("GET", "/v1/templates/BIRTHDAY") == 200, Duration.ofSeconds(15));
        // logged as the answer ends on the gateway, which may be just after the client has it
        GatewayHarness.awaitTrue(() -> recoveryLines() > 0, Duration.ofSeconds(5));
        assertThat(recoveryLines()).as("one line says the store answers again").isEqualTo(1);
    }

    @Test
    void anUploadCutByTheOutageEndsWith503RetryAfterAndItsCounts() throws Exception {
        PipedOutputStream body = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(body, 64 * 1024);
        CompletableFuture<HttpResponse<String>> answer = gw.sendAsync(gw.request("/v1/campaigns/" + campaignId
                        + "/recipients").header("Authorization", "Bearer " + GatewayHarness.OPS_KEY)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source)));
        write(body, 0, 3_000);
        // At least one batch has reached Redis (or the answer came already: on a loaded machine a batch can
        // outlast the harness's 500 ms command timeout, which is a store failure of its own).
        GatewayHarness.awaitTrue(() -> answer.isDone() || received() >= 1_000, Duration.ofSeconds(15));
        redis.server().stop();
        write(body, 3_000, 3_000);
        body.close();

        HttpResponse<String> r = answer.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        JsonObject problem = json(r);
        assertThat(problem.getString("code")).isEqualTo("store.unavailable");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        // What was stored before the outage, so the client knows where to resume: batches of 1,000 whose lane
        // write completed (the campaign's own total counts at reservation and may be ahead of it).
        assertThat(problem.getLong("queued")).isNotNull().isBetween(0L, 3_000L);
        assertThat(problem.getLong("queued") % 1_000).isZero();
        assertThat(problem.getLong("received")).isGreaterThanOrEqualTo(problem.getLong("queued"));
        assertThat(problem.getLong("invalid")).isZero();
        assertThat(events().stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage))
                .isEmpty();
    }

    private long received() {
        try {
            HttpResponse<String> r = gw.get("/v1/campaigns/" + campaignId, GatewayHarness.OPS_KEY);
            return r.statusCode() == 200 ? json(r).getJsonObject("totals").getLong("received") : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Writes NDJSON lines into the streamed body; once the gateway has answered, nobody reads them, which is fine. */
    private static void write(PipedOutputStream body, int from, int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            lines.append("{\"to\":\"09610").append(String.format("%05d", i)).append("\",\"vars\":{\"name\":\"Lan\"}}\n");
        }
        try {
            body.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            body.flush();
        } catch (IOException answeredAlready) {
            // the client stopped reading the body: the answer is in
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        String type = path.endsWith("/recipients") ? "application/x-ndjson" : "application/json";
        return gw.send(gw.request(path).header("Authorization", "Bearer " + GatewayHarness.OPS_KEY)
                .header("Content-Type", type)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private int statusOf(String method, String path) {
        try {
            return send(method, path, null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private long recoveryLines() {
        return events().stream().filter(e -> e.getFormattedMessage().contains("store answers again")).count();
    }

    /** A snapshot: background threads keep logging while the test reads (the appender appends under its lock). */
    private List<ILoggingEvent> events() {
        synchronized (captured) {
            return List.copyOf(captured.list);
        }
    }

    private static String campaign() {
        return "{\"name\":\"outage\",\"template\":\"BIRTHDAY\",\"maxRate\":10}";
    }

    private static String line(ILoggingEvent e) {
        return e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + " "
                + (e.getKeyValuePairs() == null ? "" : e.getKeyValuePairs().stream().map(Object::toString)
                .collect(Collectors.joining(" ")));
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
