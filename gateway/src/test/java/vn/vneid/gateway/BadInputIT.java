package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static vn.vneid.gateway.GatewayHarness.json;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.vneid.redis.testing.RedisServerExtension;

/** Bad input gets a 4xx problem document that names what is wrong; never a 500, never an SMS. */
class BadInputIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayHarness.start(redis.url());
    }

    @AfterAll
    static void stop() {
        assertThat(gw.smsc.messages()).as("no SMS for bad input").isEmpty();
        gw.close();
    }

    private static String issue(String purpose, Object citizenId, Object phone) {
        JsonObject o = new JsonObject();
        if (purpose != null) {
            o.put("purpose", purpose);
        }
        if (citizenId != null) {
            o.put("citizenId", citizenId);
        }
        if (phone != null) {
            o.put("phone", phone);
        }
        return o.encode();
    }

    private static String verify(String code) {
        JsonObject o = new JsonObject().put("purpose", "ACTIVATE").put("citizenId", "001099012345");
        return (code == null ? o : o.put("code", code)).encode();
    }

    static Stream<Arguments> badRequests() {
        String otp = "/v1/otp";
        String ver = "/v1/otp/verify";
        return Stream.of(
                arguments("broken JSON", otp, "{\"purpose\":", 400, "request.malformed_json", null),
                arguments("JSON array", otp, "[1,2]", 400, "request.malformed_json", null),
                arguments("JSON null", otp, "null", 400, "request.malformed_json", null),
                arguments("empty body", otp, "", 400, "request.malformed_json", null),
                arguments("no purpose", otp, issue(null, "001099012345", "0912345678"), 400, "request.invalid_field", "purpose"),
                arguments("unknown purpose", otp, issue("SIGNUP", "001099012345", "0912345678"), 400, "request.invalid_field", "purpose"),
                arguments("purpose not a string", otp, "{\"purpose\":5,\"citizenId\":\"001099012345\",\"phone\":\"0912345678\"}", 400, "request.invalid_field", "purpose"),
                arguments("citizenId of 11 digits", otp, issue("ACTIVATE", "00109901234", "0912345678"), 400, "request.invalid_field", "citizenId"),
                arguments("citizenId of 13 digits", otp, issue("ACTIVATE", "0010990123456", "0912345678"), 400, "request.invalid_field", "citizenId"),
                arguments("citizenId with a letter", otp, issue("ACTIVATE", "00109901234A", "0912345678"), 400, "request.invalid_field", "citizenId"),
                arguments("citizenId as a number", otp, issue("ACTIVATE", 1099012345L, "0912345678"), 400, "request.invalid_field", "citizenId"),
                arguments("no phone", otp, issue("ACTIVATE", "001099012345", null), 400, "request.invalid_field", "phone"),
                arguments("foreign phone", otp, issue("ACTIVATE", "001099012345", "+14155550100"), 400, "request.invalid_field", "phone"),
                arguments("Hanoi landline", otp, issue("ACTIVATE", "001099012345", "02438251234"), 400, "request.invalid_field", "phone"),
                arguments("not a mobile prefix", otp, issue("ACTIVATE", "001099012345", "0112345678"), 400, "request.invalid_field", "phone"),
                arguments("phone with letters", otp, issue("ACTIVATE", "001099012345", "09123abc78"), 400, "request.invalid_field", "phone"),
                arguments("phone too short", otp, issue("ACTIVATE", "001099012345", "091234567"), 400, "request.invalid_field", "phone"),
                arguments("unknown locale", otp, new JsonObject(issue("ACTIVATE", "001099012345", "0912345678")).put("locale", "fr").encode(), 400, "request.invalid_field", "locale"),
                arguments("code with letters", ver, verify("12ab56"), 400, "request.invalid_field", "code"),
                arguments("code too short", ver, verify("12"), 400, "request.invalid_field", "code"),
                arguments("no code", ver, verify(null), 400, "request.invalid_field", "code"),
                arguments("verify with bad citizenId", ver, "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"1\",\"code\":\"123456\"}", 400, "request.invalid_field", "citizenId"),
                arguments("body over 16 KiB", otp, "{\"pad\":\"" + "x".repeat(17 * 1024) + "\"}", 413, "request.too_large", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsAProblemNamingTheField(String name, String path, String body, int status, String code,
                                            String field) throws Exception {
        HttpResponse<String> r = gw.post(path, GatewayHarness.OTP_KEY, body);
        assertProblem(r, status, code);
        assertThat(json(r).getString("field")).isEqualTo(field);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> r = gw.send(gw.request("/v1/otp").header("Authorization", "Bearer " + GatewayHarness.OTP_KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(issue("ACTIVATE", "001099012345", "0912345678"))));
        assertProblem(r, 415, "request.unsupported_media_type");
    }

    @Test
    void overlongIdempotencyKeyIs400() throws Exception {
        HttpResponse<String> r = gw.post("/v1/otp", GatewayHarness.OTP_KEY, issue("ACTIVATE", "001099012345", "0912345678"),
                "Idempotency-Key", "k".repeat(300));
        assertProblem(r, 400, "request.invalid_header");
        assertThat(json(r).getString("field")).isEqualTo("Idempotency-Key");
    }

    @Test
    void missingKeyIs401() throws Exception {
        HttpResponse<String> r = gw.post("/v1/otp", null, issue("ACTIVATE", "001099012345", "0912345678"));
        assertProblem(r, 401, "auth.missing_key");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void unknownKeyIs401() throws Exception {
        HttpResponse<String> r = gw.post("/v1/otp", "not-a-key-of-ours-0123456789abcdef", issue("ACTIVATE", "001099012345", "0912345678"));
        assertProblem(r, 401, "auth.invalid_key");
    }

    @Test
    void keyWithoutTheOtpScopeIs403() throws Exception {
        HttpResponse<String> r = gw.post("/v1/otp", GatewayHarness.READER_KEY, issue("ACTIVATE", "001099012345", "0912345678"));
        assertProblem(r, 403, "auth.missing_scope");
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() throws Exception {
        assertProblem(gw.get("/v1/nothing-here", GatewayHarness.OTP_KEY), 404, "not_found");
        assertProblem(gw.get("/v1/otp", GatewayHarness.OTP_KEY), 405, "method_not_allowed");
        assertProblem(gw.get("/v1/messages/not-an-id", GatewayHarness.OTP_KEY), 404, "message.not_found");
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonObject problem = json(r);
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
