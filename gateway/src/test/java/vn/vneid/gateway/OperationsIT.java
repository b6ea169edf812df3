package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;
import vn.vneid.redis.testing.RedisServerExtension;

/** What operators and API users rely on besides the OTP calls: metrics, health, the OpenAPI contract. */
class OperationsIT {
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
    void metricsCountTheOtpPathAndNeverCarryPersonalData() throws Exception {
        String citizen = "079123456789";
        assertThat(gw.issue("ACTIVATE", citizen, "0389000050").statusCode()).isEqualTo(202);
        String code = gw.awaitCode("84389000050", 1);
        assertThat(gw.issue("ACTIVATE", citizen, "0389000050").statusCode()).isEqualTo(429);
        assertThat(gw.verify("ACTIVATE", citizen, code).statusCode()).isEqualTo(200);
        GatewayHarness.awaitTrue(() -> gw.gateway.sender().pending() == 0, java.time.Duration.ofSeconds(5));

        HttpResponse<String> scrape = gw.get("/metrics", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String text = scrape.body();
        assertThat(text)
                .contains("otp_issued_total{prefix=\"8438\",purpose=\"ACTIVATE\"} 1.0")
                .contains("otp_verified_total{purpose=\"ACTIVATE\",result=\"approved\"} 1.0")
                .contains("otp_rate_limited_total{limit=\"cooldown\",purpose=\"ACTIVATE\"} 1.0")
                .containsPattern("sms_submitted_total\\{carrier=\"default\",result=\"accepted\"} [1-9]")
                .contains("sms_submit_seconds_bucket")
                .contains("smpp_sessions_bound{carrier=\"default\"} 1.0")
                .containsPattern("gateway_http_requests_seconds_count\\{method=\"POST\",route=\"/v1/otp\",status=\"202\"} 1")
                .contains("jvm_memory_used_bytes");
        assertThat(text).doesNotContain(citizen).doesNotContain("84389000050").doesNotContain("0389000050")
                .doesNotContain(code + "\"");
        assertThat(text).doesNotContainPattern("\"84\\d{9}\"");
    }

    @Test
    void livenessAndReadinessAnswer() throws Exception {
        assertThat(gw.get("/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = gw.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).getString("redis")).isEqualTo("UP");
        assertThat(json(ready).getString("smsc")).isEqualTo("UP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDocumentedOperationIsRouted() throws Exception {
        HttpResponse<String> doc = gw.get("/openapi.yaml", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        Map<String, Object> openapi = new Yaml().load(doc.body());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openapi.get("paths");
        assertThat(paths.keySet()).contains("/v1/otp", "/v1/otp/verify", "/v1/messages/{id}", "/metrics",
                "/health/live", "/health/ready");
        for (var path : paths.entrySet()) {
            for (String method : path.getValue().keySet()) {
                String url = path.getKey().replace("{id}", "msg_00000000000000000000000000000000")
                        .replaceAll("\\{[a-zA-Z]+}", "SAMPLE0");
                HttpRequest.Builder req = gw.request(url).header("Authorization", "Bearer " + GatewayHarness.OTP_KEY)
                        .header("Content-Type", "application/json")
                        .method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString("{}"));
                HttpResponse<String> r = gw.send(req);
                assertThat(r.body()).as(method + " " + url + " is routed")
                        .doesNotContain("\"code\":\"not_found\"").doesNotContain("\"code\":\"method_not_allowed\"");
                Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) path.getValue().get(method)).get("responses");
                assertThat(responses).as(method + " " + url + " documents status " + r.statusCode())
                        .containsKey(Integer.toString(r.statusCode()));
            }
        }
    }

    @Test
    void everyProblemCodeTheGatewayCanAnswerIsDocumented() throws IOException {
        String openapi = Files.readString(Path.of("src/main/resources/openapi.yaml"));
        // Problems the edge raises, and refusals of the notice pipeline (mapped to problems by FailureHandler).
        Pattern literal = Pattern.compile("(?:ProblemException\\.of\\(\\s*\\d{3}|NoticeException\\.of\\(\\s*Kind\\.[A-Z_]+"
                + "|new TemplateException\\()\\s*,?\\s*\"([a-z_.]+)\"");
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        assertThat(codes).contains("otp.rate_limited", "otp.wrong_code", "store.unavailable", "not_found", "internal",
                "campaign.closed", "campaign.lost", "template.unknown");
        for (String code : codes) {
            assertThat(openapi).as("openapi.yaml documents " + code).contains("`" + code + "`");
        }
    }
}
