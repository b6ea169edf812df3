package vn.vneid.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeGeneratorTest {
    private final CodeGenerator generator = new CodeGenerator();

    @Test
    void codeHasThePolicysLengthAndOnlyDigits() {
        for (int length = 4; length <= 10; length++) {
            assertThat(generator.code(length)).hasSize(length).containsOnlyDigits();
        }
        assertThat(generator.code(OtpPolicy.DEFAULT)).hasSize(OtpPolicy.DEFAULT.codeLength());
    }

    @Test
    void everyDigitAppearsInEveryPositionRoughlyUniformly() {
        int samples = 20_000;
        int length = 6;
        int[][] counts = new int[length][10];
        for (int i = 0; i < samples; i++) {
            String code = generator.code(length);
            for (int pos = 0; pos < length; pos++) {
                counts[pos][code.charAt(pos) - '0']++;
            }
        }
        // Expected 2000 per cell, standard deviation ~42: 1700..2300 is more than 7 sigma wide.
        for (int pos = 0; pos < length; pos++) {
            for (int digit = 0; digit < 10; digit++) {
                assertThat(counts[pos][digit]).as("digit %d at position %d", digit, pos).isBetween(1700, 2300);
            }
        }
    }

    @Test
    void leadingZerosAreKept() {
        boolean sawLeadingZero = false;
        for (int i = 0; i < 2_000 && !sawLeadingZero; i++) {
            String code = generator.code(4);
            assertThat(code).hasSize(4);
            sawLeadingZero = code.charAt(0) == '0';
        }
        assertThat(sawLeadingZero).as("a code starting with 0 in 2000 tries (p of none ~ 1e-92)").isTrue();
    }

    @Test
    void otpIdsAreUrlSafeAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = generator.otpId();
            assertThat(id).matches("otp_[A-Za-z0-9_-]{22}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1_000);
    }

    @Test
    void nonPositiveLengthIsRejected() {
        assertThatThrownBy(() -> generator.code(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
