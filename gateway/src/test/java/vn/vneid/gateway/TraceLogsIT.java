package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import vn.vneid.redis.testing.RedisServerExtension;

/** The logs let an operator follow one message from HTTP to SMPP to receipt, and never show who it was for. */
class TraceLogsIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static GatewayHarness gw;
    static final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(context);
        captured.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);
        gw = GatewayHarness.start(redis.url());
    }

    @AfterAll
    static void stop() {
        gw.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(captured);
    }

    @Test
    void oneRequestIdFollowsTheMessageFromHttpToReceipt() throws Exception {
        HttpResponse<String> issued = gw.post("/v1/otp", GatewayHarness.OTP_KEY, new JsonObject()
                .put("purpose", "ACTIVATE").put("citizenId", "079188001234").put("phone", "0971000095").encode(),
                "X-Request-Id", "backend-trace-42");
        assertThat(issued.statusCode()).isEqualTo(202);
        assertThat(issued.headers().firstValue("X-Request-Id")).contains("backend-trace-42");
        String messageId = json(issued).getString("messageId");
        String code = gw.awaitCode("84971000095", 1);
        assertThat(gw.verify("ACTIVATE", "079188001234", code).statusCode()).isEqualTo(200);
        GatewayHarness.awaitTrue(() -> events("sms.receipt", "backend-trace-42").size() == 1, Duration.ofSeconds(10));

        for (String event : List.of("otp.issued", "sms.submitted", "sms.receipt")) {
            List<Map<String, Object>> lines = events(event, "backend-trace-42");
            assertThat(lines).as(event).hasSize(1);
            assertThat(lines.get(0)).as(event).containsEntry("messageId", messageId);
        }
        assertThat(events("otp.issued", "backend-trace-42").get(0)).containsEntry("to", "8497****095")
                .containsEntry("citizenId", "0791******34");

        String everything = allLinesAsJson();
        assertThat(everything).contains("backend-trace-42")
                .doesNotContain("84971000095").doesNotContain("0971000095")
                .doesNotContain("079188001234").doesNotContain(GatewayHarness.OTP_KEY).doesNotContain(GatewayHarness.SECRET);
        assertThat(everything).doesNotContainPattern("\\b" + code + "\\b");
    }

    @Test
    void anUnsafeRequestIdIsReplaced() throws Exception {
        HttpResponse<String> r = gw.post("/v1/otp", GatewayHarness.OTP_KEY, "{}", "X-Request-Id", "bad id with spaces");
        assertThat(r.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    private static List<Map<String, Object>> events(String event, String requestId) {
        return snapshot().stream()
                .map(e -> e.getKeyValuePairs() == null ? Map.<String, Object>of() : e.getKeyValuePairs().stream()
                        .collect(Collectors.<org.slf4j.event.KeyValuePair, String, Object>toMap(
                                kv -> kv.key, kv -> String.valueOf(kv.value), (a, b) -> b)))
                .filter(kv -> event.equals(kv.get("event")) && requestId.equals(kv.get("requestId")))
                .toList();
    }

    /** A copy taken under the appender's lock: background threads log while the test reads. */
    private static List<ILoggingEvent> snapshot() {
        synchronized (captured) {
            return List.copyOf(captured.list);
        }
    }

    /** Every captured event as the production JSON encoder writes it. */
    private static String allLinesAsJson() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.start();
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : snapshot()) {
            out.append(new String(encoder.encode(e), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
