package vn.vneid.gateway.pumping;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import vn.vneid.redis.LuaScript;
import vn.vneid.redis.RedisFailures;

/**
 * The holds every instance shares: one Redis hash, {@code pumping:{holds}}, prefix to hold (JSON), at most a
 * hundred fields. A hold ends when its {@code untilMs} passes on the gateways' clock (so tests move a clock
 * rather than wait), and the first read after that removes it; the key's TTL, as long as its longest hold, only
 * cleans up. The prefix is not personal data. Redis failures surface as
 * {@link vn.vneid.redis.StoreUnavailableException} (503 on the admin routes).
 */
public final class RedisPrefixHolds {
    static final String KEY = "pumping:{holds}";
    private static final LuaScript PUT = LuaScript.fromResource(RedisPrefixHolds.class, "hold_put.lua");
    private static final LuaScript READ = LuaScript.fromResource(RedisPrefixHolds.class, "holds_read.lua");
    private static final LuaScript RELEASE = LuaScript.fromResource(RedisPrefixHolds.class, "hold_release.lua");
    private final RedisAsyncCommands<String, String> redis;

    public RedisPrefixHolds(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    /** What a put did: the hold now live for the prefix, and whether this call stored it. */
    public record Put(PrefixHold hold, boolean stored) {
    }

    /** The live holds, and those that ended and were removed by this read. */
    public record Read(List<PrefixHold> live, List<PrefixHold> ended) {
    }

    /**
     * Stores {@code hold}; with {@code keepLive} a live hold of the same prefix (another instance was first)
     * stays and is returned instead.
     */
    public CompletionStage<Put> put(PrefixHold hold, Instant now, boolean keepLive) {
        return RedisFailures.guarded("store prefix hold", () -> PUT.<List<Object>>eval(redis, ScriptOutputType.MULTI,
                keys(), ms(now), hold.prefix().digits(), hold.encode(), ms(hold.until()), keepLive ? "keep" : "replace")
                .thenApply(reply -> {
                    boolean stored = ((Long) reply.get(0)) == 1;
                    return new Put(stored ? hold : PrefixHold.decode(hold.prefix().digits(), (String) reply.get(1))
                            .orElse(hold), stored);
                }));
    }

    @SuppressWarnings("unchecked")
    public CompletionStage<Read> read(Instant now) {
        return RedisFailures.guarded("read prefix holds", () -> READ.<List<Object>>eval(redis, ScriptOutputType.MULTI,
                keys(), ms(now)).thenApply(reply -> new Read(holds((List<Object>) reply.get(0)),
                        holds((List<Object>) reply.get(1)))));
    }

    /** Removes the hold of {@code prefix}; completes with it when it was live. */
    public CompletionStage<Optional<PrefixHold>> release(NumberPrefix prefix, Instant now) {
        return RedisFailures.guarded("release prefix hold", () -> RELEASE.<String>eval(redis, ScriptOutputType.VALUE,
                keys(), ms(now), prefix.digits())
                .thenApply(held -> held == null ? Optional.empty() : PrefixHold.decode(prefix.digits(), held)));
    }

    private static List<PrefixHold> holds(List<Object> flat) {
        List<PrefixHold> holds = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            PrefixHold.decode((String) flat.get(i), (String) flat.get(i + 1)).ifPresent(holds::add);
        }
        return holds;
    }

    private static String[] keys() {
        return new String[] {KEY};
    }

    private static String ms(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
