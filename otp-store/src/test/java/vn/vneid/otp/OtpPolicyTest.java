package vn.vneid.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtpPolicyTest {

    private static OtpPolicy policy(int length, Duration ttl, int attempts, Duration cooldown, int hour, int day,
            int citizenDay) {
        return new OtpPolicy(length, ttl, attempts, cooldown, hour, day, citizenDay);
    }

    @Test
    void defaultPolicyIsValid() {
        assertThat(OtpPolicy.DEFAULT.codeLength()).isEqualTo(6);
        assertThat(OtpPolicy.DEFAULT.maxAttempts()).isEqualTo(5);
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        Duration fiveMin = Duration.ofMinutes(5);
        Duration oneMin = Duration.ofMinutes(1);
        assertThatThrownBy(() -> policy(3, fiveMin, 5, oneMin, 5, 10, 10)).hasMessageStartingWith("codeLength");
        assertThatThrownBy(() -> policy(11, fiveMin, 5, oneMin, 5, 10, 10)).hasMessageStartingWith("codeLength");
        assertThatThrownBy(() -> policy(6, Duration.ofSeconds(29), 5, Duration.ZERO, 5, 10, 10))
                .hasMessageStartingWith("ttl");
        assertThatThrownBy(() -> policy(6, Duration.ofHours(25), 5, oneMin, 5, 10, 10)).hasMessageStartingWith("ttl");
        assertThatThrownBy(() -> policy(6, fiveMin, 0, oneMin, 5, 10, 10)).hasMessageStartingWith("maxAttempts");
        assertThatThrownBy(() -> policy(6, fiveMin, 5, Duration.ofMinutes(6), 5, 10, 10))
                .hasMessageStartingWith("resendCooldown");
        assertThatThrownBy(() -> policy(6, fiveMin, 5, Duration.ofSeconds(-1), 5, 10, 10))
                .hasMessageStartingWith("resendCooldown");
        assertThatThrownBy(() -> policy(6, fiveMin, 5, oneMin, 0, 10, 10))
                .hasMessageStartingWith("maxPerPhonePerHour");
        assertThatThrownBy(() -> policy(6, fiveMin, 5, oneMin, 5, 4, 10)).hasMessageStartingWith("maxPerPhonePerDay");
        assertThatThrownBy(() -> policy(6, fiveMin, 5, oneMin, 5, 10, 0))
                .hasMessageStartingWith("maxPerCitizenPerDay");
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertThat(policy(4, Duration.ofSeconds(30), 1, Duration.ZERO, 1, 1, 1).codeLength()).isEqualTo(4);
        assertThat(policy(10, Duration.ofHours(24), 20, Duration.ofHours(24), 5, 5, 1).maxAttempts()).isEqualTo(20);
    }

    @Test
    void unnamedPurposesTakeTheDefault() {
        OtpPolicy login = policy(8, Duration.ofMinutes(2), 3, Duration.ofSeconds(30), 3, 6, 6);
        OtpPolicies policies = OtpPolicies.of(Map.of(Purpose.LOGIN, login));
        assertThat(policies.of(Purpose.LOGIN)).isEqualTo(login);
        assertThat(policies.of(Purpose.REGISTER)).isEqualTo(OtpPolicy.DEFAULT);
    }
}
