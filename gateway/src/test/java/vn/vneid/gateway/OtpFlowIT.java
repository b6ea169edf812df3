package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.simulator.ReceivedSms;

/** The OTP path end to end: HTTP → Redis → SMPP → simulator, and back through verify and message status. */
class OtpFlowIT {
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
    void issuedCodeArrivesBySmsAndVerifiesOnce() throws Exception {
        HttpResponse<String> issued = gw.issue("ACTIVATE", "001099012345", "0912345678");
        assertThat(issued.statusCode()).isEqualTo(202);
        JsonObject body = json(issued);
        assertThat(body.getString("otpId")).startsWith("otp_");
        assertThat(body.getString("messageId")).startsWith("msg_");
        Instant now = gw.clock.instant();
        assertThat(Instant.parse(body.getString("expiresAt"))).isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(Instant.parse(body.getString("resendAfter"))).isEqualTo(now.plus(Duration.ofSeconds(60)));

        String code = gw.awaitCode("84912345678", 1);
        ReceivedSms sms = gw.smsc.messagesTo("84912345678").get(0);
        assertThat(sms.from()).isEqualTo("VNeID");
        assertThat(sms.segments()).isEqualTo(1);
        assertThat(sms.text()).isEqualTo("VNeID: Ma kich hoat cua ban la " + code
                + ", hieu luc 5 phut. KHONG cung cap ma nay cho bat ky ai.");

        HttpResponse<String> approved = gw.verify("ACTIVATE", "001099012345", code);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).getString("result")).isEqualTo("APPROVED");

        HttpResponse<String> again = gw.verify("ACTIVATE", "001099012345", code);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(json(again).getString("code")).isEqualTo("otp.expired");
    }

    @Test
    void fiveWrongCodesKillTheCodeAndTheRightOneFailsAfter() throws Exception {
        assertThat(gw.issue("LOGIN", "001099000001", "84961000001").statusCode()).isEqualTo(202);
        String code = gw.awaitCode("84961000001", 1);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            HttpResponse<String> r = gw.verify("LOGIN", "001099000001", wrong);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(json(r).getString("code")).isEqualTo("otp.wrong_code");
            assertThat(json(r).getInteger("attemptsLeft")).isEqualTo(left);
            assertThat(json(r).getString("field")).isEqualTo("code");
        }
        HttpResponse<String> fifth = gw.verify("LOGIN", "001099000001", wrong);
        assertThat(fifth.statusCode()).isEqualTo(410);
        assertThat(json(fifth).getString("code")).isEqualTo("otp.attempts_exhausted");

        HttpResponse<String> right = gw.verify("LOGIN", "001099000001", code);
        assertThat(right.statusCode()).isEqualTo(410);
        assertThat(json(right).getString("code")).isEqualTo("otp.attempts_exhausted");
    }

    @Test
    void codeExpiresAfterItsTtl() throws Exception {
        assertThat(gw.issue("REGISTER", "001099000002", "84961000002").statusCode()).isEqualTo(202);
        String code = gw.awaitCode("84961000002", 1);
        gw.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> r = gw.verify("REGISTER", "001099000002", code);
        assertThat(r.statusCode()).isEqualTo(410);
        assertThat(json(r).getString("code")).isEqualTo("otp.expired");
    }

    @Test
    void aNewIssueReplacesTheOldCode() throws Exception {
        assertThat(gw.issue("PASSWORD_RESET", "001099000003", "84961000003").statusCode()).isEqualTo(202);
        String first = gw.awaitCode("84961000003", 1);
        gw.clock.advance(Duration.ofSeconds(61));
        assertThat(gw.issue("PASSWORD_RESET", "001099000003", "84961000003").statusCode()).isEqualTo(202);
        String second = gw.awaitCode("84961000003", 2);
        if (!first.equals(second)) {
            assertThat(gw.verify("PASSWORD_RESET", "001099000003", first).statusCode()).isEqualTo(422);
        }
        assertThat(gw.verify("PASSWORD_RESET", "001099000003", second).statusCode()).isEqualTo(200);
    }

    @Test
    void resendInsideTheCooldownIsRefusedWithRetryAfter() throws Exception {
        assertThat(gw.issue("ACTIVATE", "001099000004", "84961000004").statusCode()).isEqualTo(202);
        gw.clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> r = gw.issue("ACTIVATE", "001099000004", "84961000004");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(r.headers().firstValue("Retry-After")).contains("40");
        assertThat(json(r).getString("code")).isEqualTo("otp.rate_limited");
        assertThat(json(r).getString("limit")).isEqualTo("cooldown");
    }

    @Test
    void sixthCodeToOnePhoneWithinAnHourIsRefused() throws Exception {
        String phone = "84961000005";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = gw.issue("ACTIVATE", "00109900010" + i, phone);
            assertThat(r.statusCode()).as("issue %d", i + 1).isEqualTo(202);
            gw.clock.advance(Duration.ofMinutes(1));
        }
        HttpResponse<String> sixth = gw.issue("ACTIVATE", "001099000106", phone);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(json(sixth).getString("limit")).isEqualTo("phone_hour");
        long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(Duration.ofMinutes(55).toSeconds(), Duration.ofMinutes(55).toSeconds() + 1);

        gw.clock.advance(Duration.ofMinutes(55).plusSeconds(1));
        assertThat(gw.issue("ACTIVATE", "001099000106", phone).statusCode()).isEqualTo(202);
    }

    @Test
    void idempotentReplayAnswersTheSameAndSendsOneSms() throws Exception {
        String body = new JsonObject().put("purpose", "ACTIVATE").put("citizenId", "001099000007")
                .put("phone", "+84961000007").encode();
        HttpResponse<String> first = gw.post("/v1/otp", GatewayHarness.OTP_KEY, body, "Idempotency-Key", "req-7");
        HttpResponse<String> replay = gw.post("/v1/otp", GatewayHarness.OTP_KEY, body, "Idempotency-Key", "req-7");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(json(replay)).isEqualTo(json(first));
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");

        HttpResponse<String> other = gw.post("/v1/otp", GatewayHarness.OTP_KEY,
                body.replace("001099000007", "001099000008"), "Idempotency-Key", "req-7");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).getString("code")).isEqualTo("idempotency.key_reused");

        // Barrier: a later message has arrived and nothing is queued, so a second SMS would have arrived too.
        assertThat(gw.issue("ACTIVATE", "001099000009", "84961000009").statusCode()).isEqualTo(202);
        gw.awaitCode("84961000009", 1);
        GatewayHarness.awaitTrue(() -> gw.gateway.sender().pending() == 0, Duration.ofSeconds(5));
        assertThat(gw.smsc.messagesTo("84961000007")).hasSize(1);
    }

    @Test
    void everyAcceptedPhoneFormIsNormalised() throws Exception {
        String[] forms = {"0981000010", "84981000011", "+84981000012"};
        String[] normalised = {"84981000010", "84981000011", "84981000012"};
        for (int i = 0; i < forms.length; i++) {
            assertThat(gw.issue("LOGIN", "00109900002" + i, forms[i]).statusCode()).isEqualTo(202);
            gw.awaitCode(normalised[i], 1);
        }
    }

    @Test
    void messageStatusFollowsTheSmsToDelivery() throws Exception {
        HttpResponse<String> issued = gw.issue("DEVICE_CHANGE", "001099000030", "84971000030");
        String messageId = json(issued).getString("messageId");
        gw.awaitCode("84971000030", 1);
        String smscId = gw.smsc.messagesTo("84971000030").get(0).smscMessageId();

        GatewayHarness.awaitTrue(() -> status(messageId).equals("delivered"), Duration.ofSeconds(10));
        JsonObject message = json(gw.get("/v1/messages/" + messageId, GatewayHarness.OTP_KEY));
        assertThat(message.getString("to")).isEqualTo("8497****030");
        assertThat(message.getString("kind")).isEqualTo("otp:DEVICE_CHANGE");
        assertThat(message.getString("carrier")).isEqualTo("default");
        assertThat(message.getString("smscMessageId")).isEqualTo(smscId);
        assertThat(message.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")))
                .containsExactly("accepted", "submitted", "delivered");

        HttpResponse<String> otherClient = gw.get("/v1/messages/" + messageId, GatewayHarness.READER_KEY);
        assertThat(otherClient.statusCode()).isEqualTo(404);
    }

    private static String status(String messageId) {
        try {
            return json(gw.get("/v1/messages/" + messageId, GatewayHarness.OTP_KEY)).getString("status");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
