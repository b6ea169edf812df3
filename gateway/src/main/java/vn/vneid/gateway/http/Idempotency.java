package vn.vneid.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import vn.vneid.otp.IdempotencyClaim;
import vn.vneid.otp.IdempotencyStore;

/**
 * Runs a request under its {@code Idempotency-Key}: the first request with a key runs and its success is
 * stored for {@code ttl}; a repeat of the same request gets the stored answer (header
 * {@code Idempotent-Replayed: true}) and causes nothing; a repeat while the first is still running gets 409;
 * the same key with a different body gets 422. Failures are not stored, so a retry after one runs anew.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    private final IdempotencyStore store;
    private final Duration ttl;

    public Idempotency(IdempotencyStore store, Duration ttl) {
        this.store = store;
        this.ttl = ttl;
    }

    /** The header's value, checked: printable ASCII, 1..255 characters; null when absent. */
    public static String key(RoutingContext ctx) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.of(400, "request.invalid_header", HEADER + " must be 1..255 printable ASCII characters")
                    .withField(HEADER);
        }
        return key;
    }

    public CompletionStage<JsonAnswer> run(String client, String key, String fingerprint,
                                           Supplier<CompletionStage<JsonAnswer>> action) {
        if (key == null) {
            return action.get();
        }
        return store.claim(client, key, fingerprint, ttl).thenCompose(claim -> {
            if (claim instanceof IdempotencyClaim.Replay replay) {
                return CompletableFuture.completedFuture(JsonAnswer.decodeReplay(replay.answer()));
            }
            if (claim instanceof IdempotencyClaim.InProgress) {
                throw ProblemException.of(409, "idempotency.in_progress",
                        "a request with this Idempotency-Key is still being processed; retry shortly")
                        .retryAfter(Duration.ofSeconds(1));
            }
            if (claim instanceof IdempotencyClaim.Mismatch) {
                throw ProblemException.of(422, "idempotency.key_reused",
                        "this Idempotency-Key was used for a different request").withField(HEADER);
            }
            return action.get()
                    .thenCompose(answer -> store.complete(client, key, fingerprint, answer.encode(), ttl)
                            .thenApply(v -> answer))
                    .exceptionallyCompose(failure -> store.release(client, key)
                            .handle((v, e) -> { throw rethrow(failure); }));
        });
    }

    private static RuntimeException rethrow(Throwable t) {
        return t instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(t);
    }
}
