package vn.vneid.gateway.notices.dispatch;

import java.time.Duration;
import vn.vneid.gateway.notices.QuietHours;

/**
 * How notices are dispatched: at most {@code maxInFlight} notices handed to the carriers at once per instance
 * (OTPs are not counted: they never wait for this), of which {@code transactionalShare} goes to the
 * transactional lane first when it has work; {@code maxAttempts} temporary failures before a message is
 * dead-lettered, with {@code retryBackoff} doubling between them; entries held by a dead instance longer than
 * {@code reclaimIdle} are taken over; one-off bulk notices keep {@code bulkQuietHours}; while some OTP takes longer
 * than {@code otpLatencyTarget} from its request to its submit_sm, notices give way ({@link OtpGuard}; zero: never).
 */
public record DispatchConfig(
        int maxInFlight,
        double transactionalShare,
        int maxAttempts,
        Duration retryBackoff,
        Duration reclaimIdle,
        Duration tick,
        long transactionalCap,
        QuietHours bulkQuietHours,
        Duration otpLatencyTarget) {

    public static DispatchConfig defaults() {
        return new DispatchConfig(256, 0.8, 5, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMillis(20),
                200_000, QuietHours.DEFAULT, Duration.ofMillis(25));
    }

    public DispatchConfig {
        if (maxInFlight < 1 || transactionalShare <= 0 || transactionalShare > 1 || maxAttempts < 1
                || otpLatencyTarget.isNegative()) {
            throw new IllegalArgumentException("dispatch: maxInFlight >= 1, 0 < transactionalShare <= 1, maxAttempts >= 1,"
                    + " otpLatencyTarget >= 0");
        }
    }
}
