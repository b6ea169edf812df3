package vn.vneid.gateway.notices.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtpGuardTest {
    private static final Duration TARGET = Duration.ofMillis(25);

    @Test
    void aSlowOtpHalvesTheNoticeBudgetEachWindowDownToAThirtySecond() {
        OtpGuard guard = new OtpGuard(256, TARGET);
        int[] expected = {128, 64, 32, 16, 8, 8};
        for (int budget : expected) {
            guard.record(Duration.ofMillis(5));
            guard.record(Duration.ofMillis(40)); // the slowest of the window decides
            guard.adjust();
            assertThat(guard.budget()).isEqualTo(budget);
        }
    }

    @Test
    void fastOtpsOrNoneAtAllLetItGrowBackBySixtyFourths() {
        OtpGuard guard = new OtpGuard(256, TARGET);
        guard.record(Duration.ofSeconds(1));
        guard.adjust();
        assertThat(guard.budget()).isEqualTo(128);
        guard.record(Duration.ofMillis(25)); // at the target is not above it
        guard.adjust();
        assertThat(guard.budget()).isEqualTo(132);
        guard.adjust(); // a window without OTPs: nobody is waiting
        assertThat(guard.budget()).isEqualTo(136);
        for (int i = 0; i < 40; i++) {
            guard.adjust();
        }
        assertThat(guard.budget()).as("never above the configured budget").isEqualTo(256);
    }

    @Test
    void eachWindowStartsAfresh() {
        OtpGuard guard = new OtpGuard(64, TARGET);
        guard.record(Duration.ofMillis(100));
        guard.adjust();
        guard.adjust();
        assertThat(guard.budget()).as("the slow OTP counted in its own window only").isEqualTo(33);
    }

    @Test
    void aZeroTargetTurnsItOff() {
        OtpGuard guard = new OtpGuard(64, Duration.ZERO);
        guard.record(Duration.ofSeconds(5));
        guard.adjust();
        assertThat(guard.budget()).isEqualTo(64);
    }

    @Test
    void aSmallBudgetKeepsAtLeastOneNoticeMoving() {
        OtpGuard guard = new OtpGuard(4, TARGET);
        for (int i = 0; i < 5; i++) {
            guard.record(Duration.ofSeconds(1));
            guard.adjust();
        }
        assertThat(guard.budget()).isEqualTo(1);
    }
}
