package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.vneid.otp.Purpose;

class OtpKeysTest {

    private static String hashTag(String key) {
        return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
    }

    @Test
    void keysFollowTheDocumentedLayout() {
        assertThat(OtpKeys.record(Purpose.ACTIVATE, "001099012345")).isEqualTo("otp:{ACTIVATE:001099012345}");
        assertThat(OtpKeys.cooldown(Purpose.ACTIVATE, "001099012345")).isEqualTo("otp:{ACTIVATE:001099012345}:cd");
        assertThat(OtpKeys.phoneLimiter(Purpose.LOGIN, "84912345678")).isEqualTo("rl:{ph:84912345678}:LOGIN");
        assertThat(OtpKeys.citizenLimiter(Purpose.LOGIN, "001099012345")).isEqualTo("rl:{cid:001099012345}:LOGIN");
    }

    @Test
    void recordAndCooldownShareOneHashTag() {
        assertThat(hashTag(OtpKeys.cooldown(Purpose.LOGIN, "001099012345")))
                .isEqualTo(hashTag(OtpKeys.record(Purpose.LOGIN, "001099012345")));
    }

    @Test
    void idempotencyKeyHidesTheClientsKey() {
        String key = OtpKeys.idempotency("bank-app", "my-secret-key-123");
        assertThat(key).startsWith("idem:{bank-app:").endsWith("}").doesNotContain("my-secret-key-123");
        assertThat(hashTag(key)).matches("bank-app:[0-9a-f]{64}");
    }
}
