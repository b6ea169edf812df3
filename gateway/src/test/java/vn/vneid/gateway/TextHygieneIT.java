package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * Text that would reach a handset cannot carry control characters, bidirectional overrides, invisible
 * characters or broken surrogates: free text, template values (in a notice and in an upload line) and template
 * bodies are refused naming the field, and nothing is sent.
 */
class TextHygieneIT {
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

    /** Each row: the JSON escape of the forbidden character and the class it stands for. */
    @ParameterizedTest(name = "{1} in free text")
    @CsvSource(delimiter = '|', value = {
            "\\u0000|NUL",
            "\\u001b|ESC",
            "\\r|CR",
            "\\u007f|DEL",
            "\\u0085|C1 next line",
            "\\u202e|right-to-left override",
            "\\u2066|left-to-right isolate",
            "\\u200f|right-to-left mark",
            "\\u061c|Arabic letter mark",
            "\\u200b|zero-width space",
            "\\u200d|zero-width joiner",
            "\\u2060|word joiner",
            "\\ufeff|byte order mark",
            "\\u00ad|soft hyphen",
            "\\ud800|unpaired surrogate",
    })
    void freeTextWithAForbiddenCharacterIsRefusedNamingTheField(String escape, String kind) throws Exception {
        HttpResponse<String> r = gw.post("/v1/messages", GatewayHarness.OPS_KEY, "{\"to\":\"0961000070\","
                + "\"category\":\"TRANSACTIONAL\",\"text\":\"VNeID: xac nhan " + escape + "tai vneid.gov.vn\"}");
        assertThat(r.statusCode()).as(kind + ": " + r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(r).getString("code")).isEqualTo("request.invalid_field");
        assertThat(json(r).getString("field")).isEqualTo("text");
    }

    @Test
    void freeTextOnSeveralLinesInVietnameseIsAccepted() throws Exception {
        HttpResponse<String> r = gw.post("/v1/messages", GatewayHarness.OPS_KEY, new JsonObject()
                .put("to", "0961000071").put("category", "TRANSACTIONAL")
                .put("text", "VNeID: Hồ sơ của bạn đã được duyệt.\nXem chi tiết trên ứng dụng VNeID.").encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @Test
    void aTemplateValueWithABidiOverrideIsRefusedNamingTheVariable() throws Exception {
        HttpResponse<String> r = gw.post("/v1/messages", GatewayHarness.OPS_KEY, "{\"to\":\"0961000072\","
                + "\"category\":\"TRANSACTIONAL\",\"template\":\"BIRTHDAY\",\"vars\":{\"name\":\"Lan \\u202egro.dienv\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).getString("code")).isEqualTo("template.invalid_variable");
        assertThat(json(r).getString("field")).isEqualTo("vars.name");
        assertThat(json(r).getString("detail")).contains("U+202E").doesNotContain("dienv");
    }

    @Test
    void aTemplateBodyWithAZeroWidthCharacterIsRefusedNamingTheBody() throws Exception {
        HttpResponse<String> r = gw.put("/v1/templates/HYGIENE_TEST", GatewayHarness.OPS_KEY,
                "{\"vars\":{\"name\":\"TEXT\"},\"bodies\":{\"vi\":\"Chao {name}, xem vneid\\u200b.gov.vn\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).getString("code")).isEqualTo("request.invalid_field");
        assertThat(json(r).getString("field")).isEqualTo("bodies.vi");
    }

    @Test
    void anUploadLineWithAnInvisibleCharacterInAValueIsReportedByLineAndField() throws Exception {
        HttpResponse<String> created = gw.post("/v1/campaigns", GatewayHarness.OPS_KEY,
                "{\"name\":\"hygiene\",\"template\":\"BIRTHDAY\",\"maxRate\":10}");
        String id = json(created).getString("campaignId");
        String lines = "{\"to\":\"0961000073\",\"vars\":{\"name\":\"Lan\"}}\n"
                + "{\"to\":\"0961000074\",\"vars\":{\"name\":\"Lan\\u2066\"}}\n"
                + "{\"to\":\"0961000075\",\"vars\":{\"name\":\"Mai\"}}\n";
        HttpResponse<String> r = gw.send(gw.request("/v1/campaigns/" + id + "/recipients")
                .header("Authorization", "Bearer " + GatewayHarness.OPS_KEY).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(lines)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).getLong("queued")).isEqualTo(2);
        JsonArray errors = json(r).getJsonArray("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.getJsonObject(0).getLong("line")).isEqualTo(2);
        assertThat(errors.getJsonObject(0).getString("field")).isEqualTo("vars.name");
        assertThat(errors.getJsonObject(0).getString("reason")).contains("U+2066");
    }

    @Test
    void aScheduleFarInThePastIsRefused() throws Exception {
        HttpResponse<String> r = gw.post("/v1/messages", GatewayHarness.OPS_KEY, new JsonObject()
                .put("to", "0961000076").put("category", "TRANSACTIONAL").put("text", "VNeID: thu")
                .put("scheduleAt", "-1000000000-01-01T00:00:00Z").encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).getString("field")).isEqualTo("scheduleAt");
    }
}
