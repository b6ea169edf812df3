package vn.vneid.otp;

/** The result of {@link IdempotencyStore#claim}. */
public sealed interface IdempotencyClaim {
    /** First use of the key: go ahead, then complete or release. */
    record Claimed() implements IdempotencyClaim {
    }

    /** The key was used for this same request before: send back {@code answer} as it was stored. */
    record Replay(String answer) implements IdempotencyClaim {
    }

    /** A request with this key is still being processed. */
    record InProgress() implements IdempotencyClaim {
    }

    /** The key was used before for a different request body. */
    record Mismatch() implements IdempotencyClaim {
    }
}
