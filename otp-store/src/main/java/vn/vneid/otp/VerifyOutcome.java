package vn.vneid.otp;

/**
 * The answer to a verification. {@code attemptsLeft} is meaningful for {@link Result#WRONG_CODE}
 * (and 0 for a dead code).
 */
public record VerifyOutcome(Result result, int attemptsLeft) {

    public enum Result {
        /** The code matched; it is now consumed and cannot be used again. */
        APPROVED,
        /** The code did not match; {@code attemptsLeft} more tries remain. */
        WRONG_CODE,
        /** A code exists but its time ran out. */
        EXPIRED,
        /** No live code: never issued, already used, or long gone. */
        NOT_FOUND,
        /** The last allowed wrong try was made; this code can no longer be approved. */
        ATTEMPTS_EXHAUSTED
    }

    public static VerifyOutcome of(Result result) {
        return new VerifyOutcome(result, 0);
    }
}
