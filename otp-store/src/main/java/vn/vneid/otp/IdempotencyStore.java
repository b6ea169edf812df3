package vn.vneid.otp;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Remembers the answer given to a client's {@code Idempotency-Key} so that a replay within the TTL gets the
 * same answer and causes no second side effect. {@link #claim} is atomic: of two concurrent requests with one
 * key, one is {@link IdempotencyClaim.Claimed} and the other {@link IdempotencyClaim.InProgress}. A claimant
 * must either {@link #complete} (store the answer) or {@link #release} (forget the key, so a retry runs anew).
 * Keys are stored hashed; {@code fingerprint} identifies the request body so that reuse of a key for a
 * different request is detected.
 */
public interface IdempotencyStore {

    CompletionStage<IdempotencyClaim> claim(String client, String key, String fingerprint, Duration ttl);

    CompletionStage<Void> complete(String client, String key, String fingerprint, String answer, Duration ttl);

    CompletionStage<Void> release(String client, String key);
}
