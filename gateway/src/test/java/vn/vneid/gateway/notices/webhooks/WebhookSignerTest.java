package vn.vneid.gateway.notices.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import vn.vneid.gateway.notices.webhooks.WebhookSigner.Verification;

class WebhookSignerTest {
    private static final String SECRET = "whsec-test-0123456789abcdefghijklmnop";
    private static final String BODY = "{\"eventId\":\"evt_1\",\"messageId\":\"msg_1\",\"status\":\"delivered\",\"at\":\"2026-03-01T08:00:00Z\"}";
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:05Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void headerIsTimestampAndHexHmacOfTimestampDotBodyAsDocumented() throws Exception {
        String header = WebhookSigner.sign(BODY, SECRET, NOW);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((NOW.getEpochSecond() + "." + BODY).getBytes(StandardCharsets.UTF_8)));
        assertThat(header).isEqualTo("t=" + NOW.getEpochSecond() + ",v1=" + expected);
    }

    @Test
    void aGoodSignatureVerifies() {
        String header = WebhookSigner.sign(BODY, SECRET, NOW);
        assertThat(WebhookSigner.verify(header, BODY, SECRET, NOW.plusSeconds(30), TOLERANCE)).isEqualTo(Verification.VALID);
    }

    @Test
    void aTamperedBodyIsRefused() {
        String header = WebhookSigner.sign(BODY, SECRET, NOW);
        String tampered = BODY.replace("delivered", "failed");
        assertThat(WebhookSigner.verify(header, tampered, SECRET, NOW, TOLERANCE)).isEqualTo(Verification.MISMATCH);
    }

    @Test
    void aWrongSecretIsRefused() {
        String header = WebhookSigner.sign(BODY, SECRET, NOW);
        assertThat(WebhookSigner.verify(header, BODY, SECRET + "x", NOW, TOLERANCE)).isEqualTo(Verification.MISMATCH);
    }

    @Test
    void aTimestampOlderThanTheToleranceIsRefusedAsAReplay() {
        String header = WebhookSigner.sign(BODY, SECRET, NOW);
        assertThat(WebhookSigner.verify(header, BODY, SECRET, NOW.plus(TOLERANCE), TOLERANCE)).isEqualTo(Verification.VALID);
        assertThat(WebhookSigner.verify(header, BODY, SECRET, NOW.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
                .isEqualTo(Verification.STALE);
        assertThat(WebhookSigner.verify(header, BODY, SECRET, NOW.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
                .as("from the future").isEqualTo(Verification.STALE);
    }

    @Test
    void aReplayedSignatureWithAFreshTimestampDoesNotMatch() {
        String header = WebhookSigner.sign(BODY, SECRET, NOW);
        String moved = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 600));
        assertThat(WebhookSigner.verify(moved, BODY, SECRET, NOW.plusSeconds(600), TOLERANCE)).isEqualTo(Verification.MISMATCH);
    }

    @Test
    void anyOfSeveralV1SignaturesMayMatchForSecretRotation() {
        String good = WebhookSigner.sign(BODY, SECRET, NOW);
        String old = WebhookSigner.sign(BODY, "an-older-secret-0123456789abcdefghij", NOW);
        String both = old + "," + good.substring(good.indexOf("v1="));
        assertThat(WebhookSigner.verify(both, BODY, SECRET, NOW, TOLERANCE)).isEqualTo(Verification.VALID);
    }

    @Test
    void malformedHeadersAreRefused() {
        assertThat(WebhookSigner.verify(null, BODY, SECRET, NOW, TOLERANCE)).isEqualTo(Verification.MALFORMED);
        assertThat(WebhookSigner.verify("", BODY, SECRET, NOW, TOLERANCE)).isEqualTo(Verification.MALFORMED);
        assertThat(WebhookSigner.verify("v1=abcd", BODY, SECRET, NOW, TOLERANCE)).isEqualTo(Verification.MALFORMED);
        assertThat(WebhookSigner.verify("t=abc,v1=abcd", BODY, SECRET, NOW, TOLERANCE)).isEqualTo(Verification.MALFORMED);
        assertThat(WebhookSigner.verify("t=" + NOW.getEpochSecond(), BODY, SECRET, NOW, TOLERANCE)).isEqualTo(Verification.MALFORMED);
        assertThat(WebhookSigner.verify("t=" + NOW.getEpochSecond() + ",v1=zz", BODY, SECRET, NOW, TOLERANCE))
                .isEqualTo(Verification.MISMATCH);
    }
}
