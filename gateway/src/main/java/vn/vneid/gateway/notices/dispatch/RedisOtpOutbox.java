package vn.vneid.gateway.notices.dispatch;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.vneid.redis.LuaScript;

/**
 * The leases on accepted OTP SMS that are not submitted yet, shared by every instance: a sorted set of message
 * ids scored by when their lease ends. The instance that accepted an OTP holds its lease and renews it while the
 * SMS waits in its carrier queue; when it is submitted (or ends otherwise) the entry goes. An entry whose lease
 * ran out belongs to an instance that died: any instance {@link #claim}s it and sends it (its sealed text is kept
 * with its message status). The ids are random; no phone number or code is in a key or a member.
 */
final class RedisOtpOutbox {
    static final String KEY = "outbox:{otp}";
    private static final LuaScript CLAIM = LuaScript.fromResource(RedisOtpOutbox.class, "outbox_claim.lua");
    private final RedisAsyncCommands<String, String> redis;

    RedisOtpOutbox(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    CompletionStage<Long> hold(String messageId, Instant leaseEnd) {
        return redis.zadd(KEY, (double) leaseEnd.toEpochMilli(), messageId);
    }

    /** Extends the leases of {@code ids} that are still in the outbox (a submitted one is not put back). */
    CompletionStage<Long> renew(Collection<String> ids, Instant leaseEnd) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        double score = leaseEnd.toEpochMilli();
        @SuppressWarnings("unchecked")
        ScoredValue<String>[] values = ids.stream().map(id -> ScoredValue.just(score, id)).toArray(ScoredValue[]::new);
        return redis.zadd(KEY, ZAddArgs.Builder.xx(), values);
    }

    CompletionStage<Long> remove(String messageId) {
        return redis.zrem(KEY, messageId);
    }

    /** Removes the entries of {@code ids} (at least one), in one command. */
    CompletionStage<Long> remove(List<String> ids) {
        return redis.zrem(KEY, ids.toArray(String[]::new));
    }

    /** Leases to the caller until {@code leaseEnd} up to {@code max} entries whose lease ended by {@code now}. */
    CompletionStage<List<String>> claim(Instant now, Instant leaseEnd, int max) {
        return CLAIM.eval(redis, ScriptOutputType.MULTI, new String[] {KEY}, Long.toString(now.toEpochMilli()),
                Long.toString(leaseEnd.toEpochMilli()), Integer.toString(max));
    }

    /** Entries in the outbox: OTPs accepted by any instance and not yet submitted. */
    CompletionStage<Long> size() {
        return redis.zcard(KEY);
    }
}
