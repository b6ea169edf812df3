package vn.vneid.otp;

import java.util.Objects;

/**
 * The answer to a verification. {@code attemptsLeft} is meaningful for {@link Result#WRONG_CODE}
 * (and 0 for a dead code). {@code prefix} is set for {@link Result#APPROVED} only: the number prefix of the
 * phone the approved code was sent to, as recorded at issue ({@link IssueRequest#numberPrefix()}, e.g.
 * {@code 8496}), so a caller can count verify success per number range without knowing the phone; it is empty
 * for every other result and for a code stored before prefixes were recorded.
 */
public record VerifyOutcome(Result result, int attemptsLeft, String prefix) {

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

    public VerifyOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** An outcome without a prefix. */
    public VerifyOutcome(Result result, int attemptsLeft) {
        this(result, attemptsLeft, "");
    }

    public static VerifyOutcome of(Result result) {
        return new VerifyOutcome(result, 0);
    }

    /** A match for a code that was sent to a number in {@code prefix} (empty when not recorded). */
    public static VerifyOutcome approved(String prefix) {
        return new VerifyOutcome(Result.APPROVED, 0, prefix);
    }
}
