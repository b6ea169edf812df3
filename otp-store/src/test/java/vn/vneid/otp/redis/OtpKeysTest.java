package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.vneid.otp.CodeHasher;
import vn.vneid.otp.Purpose;

class OtpKeysTest {
    private static final CodeHasher HASHER = new CodeHasher("otp-keys-test-secret-0123456789ab".getBytes(StandardCharsets.UTF_8));
    private final OtpKeys keys = new OtpKeys(HASHER);

    private static String hashTag(String key) {
        return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
    }

    @Test
    void keysFollowTheDocumentedLayoutWithPseudonymsForNumbers() {
        String c = HASHER.pseudonym("cid", "001099012345");
        String p = HASHER.pseudonym("ph", "84912345678");
        OtpKeys.Citizen citizen = keys.citizen(Purpose.ACTIVATE, "001099012345");
        assertThat(citizen.record()).isEqualTo("otp:{ACTIVATE:" + c + "}");
        assertThat(citizen.previous()).isEqualTo("otp:{ACTIVATE:" + c + "}:prev");
        assertThat(citizen.cooldown()).isEqualTo("otp:{ACTIVATE:" + c + "}:cd");
        assertThat(citizen.limiter()).isEqualTo("otp:{ACTIVATE:" + c + "}:rl");
        assertThat(keys.phoneLimiter(Purpose.LOGIN, "84912345678")).isEqualTo("rl:{ph:" + p + "}:LOGIN");
    }

    @Test
    void everyKeyOfTheCitizenScriptSharesOneHashTag() {
        OtpKeys.Citizen citizen = keys.citizen(Purpose.LOGIN, "001099012345");
        assertThat(citizen.all()).extracting(OtpKeysTest::hashTag).containsOnly(hashTag(citizen.record()));
    }

    @Test
    void keyNamesCarryNoNumbers() {
        assertThat(String.join(" ", keys.citizen(Purpose.LOGIN, "001099012345").all())).doesNotContain("001099012345");
        assertThat(keys.phoneLimiter(Purpose.LOGIN, "84912345678")).doesNotContain("912345678");
        assertThat(keys.citizen(Purpose.LOGIN, "001099012345").record())
                .isNotEqualTo(keys.citizen(Purpose.LOGIN, "001099012346").record());
    }

    @Test
    void idempotencyKeyHidesTheClientsKey() {
        String key = OtpKeys.idempotency("bank-app", "my-secret-key-123");
        assertThat(key).startsWith("idem:{bank-app:").endsWith("}").doesNotContain("my-secret-key-123");
        assertThat(hashTag(key)).matches("bank-app:[0-9a-f]{64}");
    }
}
