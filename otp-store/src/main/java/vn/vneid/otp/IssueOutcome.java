package vn.vneid.otp;

import java.time.Duration;
import java.time.Instant;

/** What {@link OtpService#issue} answers: a fresh code to send, or the limit that refused it. */
public sealed interface IssueOutcome {

    /**
     * A code was stored (as a hash) and replaced any earlier one for the same purpose and citizen.
     * {@code code} is the only copy of the clear code: send it, never log it.
     */
    record Issued(String otpId, String code, Instant expiresAt, Instant resendAfter) implements IssueOutcome {
        @Override
        public String toString() {
            return "Issued[otpId=" + otpId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Nothing was stored or counted; try again after {@code retryAfter}. */
    record RateLimited(RateLimit limit, Duration retryAfter) implements IssueOutcome {
    }
}
