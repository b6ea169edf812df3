package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * What a hostile client can send at the HTTP edge, over raw sockets: invented methods, oversized or broken
 * request heads, ambiguous framing. Each gets a problem document, and none can grow what the gateway keeps.
 */
class HttpEdgeIT {
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
    void inventedMethodsGetProblemsAndKeepMetricsSmall() throws Exception {
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            int before = metrics(http).length();
            for (int i = 0; i < 2_000; i++) {
                String path = i % 2 == 0 ? "/v1/otp" : "/nothing-here";
                RawHttp.Response r = http.exchange("M" + Integer.toString(i, 36).toUpperCase() + "X " + path
                        + " HTTP/1.1\r\nHost: gw\r\n\r\n");
                assertThat(r.status()).isIn(404, 405);
                assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(new JsonObject(r.body()).getString("code")).isIn("not_found", "method_not_allowed");
            }
            String after = metrics(http);
            assertThat(after.length() - before)
                    .as("2,000 invented methods add at most a couple of series (method OTHER), not 2,000")
                    .isLessThan(16 * 1024);
            assertThat(after).contains("method=\"OTHER\"").doesNotContain("method=\"M1X\"");
        }
    }

    @Test
    void anOverlongRequestLineIs414AsAProblemAndTheConnectionIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            RawHttp.Response r = http.exchange("GET /v1/messages/" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: gw\r\n\r\n");
            assertProblem(r, 414, "request.line_too_long");
            assertThat(http.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void oversizedHeadersAre431AsAProblemAndTheConnectionIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            RawHttp.Response r = http.exchange("GET /health/live HTTP/1.1\r\nHost: gw\r\nX-Pad: " + "p".repeat(9_000)
                    + "\r\n\r\n");
            assertProblem(r, 431, "request.headers_too_large");
            assertThat(http.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aMalformedRequestIs400AsAProblemAndTheConnectionIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            RawHttp.Response r = http.exchange("POST /v1/otp HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n"
                    + "Content-Length: 3\r\n\r\n{}");
            assertProblem(r, 400, "request.malformed");
            assertThat(http.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            assertProblem(http.exchange("\u0001\u0002 not http at all\r\n\r\n"), 400, "request.malformed");
            assertThat(http.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void contentLengthWithTransferEncodingIsAnsweredThenTheConnectionClosed() throws Exception {
        String body = "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099012345\",\"code\":\"12ab56\"}";
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            RawHttp.Response r = http.exchange("POST /v1/otp/verify HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer "
                    + GatewayHarness.OTP_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                    + "\r\n0\r\n\r\n");
            assertProblem(r, 400, "request.invalid_field");
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(http.closedWithin(Duration.ofSeconds(5))).as("closed after the answer (RFC 9112 6.3)").isTrue();
        }
    }

    @Test
    void aTransferEncodingThatDoesNotEndInChunkedIs400AndClosed() throws Exception {
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            RawHttp.Response r = http.exchange("POST /v1/otp HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked, gzip\r\n\r\n");
            assertProblem(r, 400, "request.malformed");
            assertThat(http.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aKeptAliveConnectionServesManyRequests() throws Exception {
        try (RawHttp http = new RawHttp(gw.gateway.port())) {
            for (int i = 0; i < 20; i++) {
                assertThat(http.exchange("GET /health/live HTTP/1.1\r\nHost: gw\r\n\r\n").status()).isEqualTo(200);
            }
            assertThat(http.closedWithin(Duration.ofMillis(200))).as("still open").isFalse();
        }
    }

    private static String metrics(RawHttp http) throws Exception {
        RawHttp.Response r = http.exchange("GET /metrics HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    static void assertProblem(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
