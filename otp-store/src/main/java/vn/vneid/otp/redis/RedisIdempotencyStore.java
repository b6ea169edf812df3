package vn.vneid.otp.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import vn.vneid.otp.IdempotencyClaim;
import vn.vneid.otp.IdempotencyStore;
import vn.vneid.redis.LuaScript;
import vn.vneid.redis.RedisFailures;
import vn.vneid.redis.StoreUnavailableException;

/**
 * {@link IdempotencyStore} on Redis: one string per key, {@code pending|fp} while claimed and
 * {@code done|fp|answer} once completed, where {@code fp} is the SHA-256 of the caller's fingerprint. The TTL
 * is Redis's own (wall-clock) expiry. Failures surface as {@link vn.vneid.redis.StoreUnavailableException}.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {
    private static final LuaScript CLAIM = LuaScript.fromResource(RedisIdempotencyStore.class, "idempotency_claim.lua");

    private final RedisAsyncCommands<String, String> redis;

    public RedisIdempotencyStore(StatefulRedisConnection<String, String> connection) {
        this.redis = Objects.requireNonNull(connection, "connection").async();
    }

    @Override
    public CompletionStage<IdempotencyClaim> claim(String client, String key, String fingerprint, Duration ttl) {
        String[] keys = {OtpKeys.idempotency(client, key)};
        return RedisFailures.guarded("claim idempotency key", () -> CLAIM.<List<Object>>eval(redis,
                ScriptOutputType.MULTI, keys, OtpKeys.sha256Hex(fingerprint), ttlMs(ttl))
                .thenApply(RedisIdempotencyStore::toClaim));
    }

    @Override
    public CompletionStage<Void> complete(String client, String key, String fingerprint, String answer,
            Duration ttl) {
        String value = "done|" + OtpKeys.sha256Hex(fingerprint) + "|" + Objects.requireNonNull(answer, "answer");
        return RedisFailures.guarded("complete idempotency key", () -> redis
                .set(OtpKeys.idempotency(client, key), value, SetArgs.Builder.px(Long.parseLong(ttlMs(ttl))))
                .thenApply(ok -> null));
    }

    @Override
    public CompletionStage<Void> release(String client, String key) {
        return RedisFailures.guarded("release idempotency key",
                () -> redis.del(OtpKeys.idempotency(client, key)).thenApply(n -> null));
    }

    private static IdempotencyClaim toClaim(List<Object> reply) {
        String state = (String) reply.get(0);
        return switch (state) {
            case "claimed" -> new IdempotencyClaim.Claimed();
            case "pending" -> new IdempotencyClaim.InProgress();
            case "replay" -> new IdempotencyClaim.Replay((String) reply.get(1));
            case "mismatch" -> new IdempotencyClaim.Mismatch();
            default -> throw new IllegalStateException("unexpected idempotency claim reply " + state);
        };
    }

    private static String ttlMs(Duration ttl) {
        if (ttl == null || ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("idempotency ttl must be positive");
        }
        return Long.toString(ttl.toMillis());
    }
}
