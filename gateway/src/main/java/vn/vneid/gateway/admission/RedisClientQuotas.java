package vn.vneid.gateway.admission;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.auth.ClientRate;
import vn.vneid.redis.LuaScript;
import vn.vneid.redis.RedisFailures;

/**
 * {@link ClientQuotas} in Redis: one hash per client, {@code quota:{<client name>}} (the name comes from the
 * configuration and identifies a backend service, never a person), updated by one Lua script
 * ({@code client_quota.lua}) so that every instance shares the bucket. Time is the injected {@link Clock}'s,
 * passed to the script; the key expires once a full bucket would have refilled, so an idle client leaves
 * nothing behind. One round trip per request of a client with a rate.
 */
public final class RedisClientQuotas implements ClientQuotas {
    private static final LuaScript TAKE = LuaScript.fromResource(RedisClientQuotas.class, "client_quota.lua");
    private final RedisScriptingAsyncCommands<String, String> redis;
    private final Clock clock;

    public RedisClientQuotas(RedisScriptingAsyncCommands<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    static String key(String client) {
        return "quota:{" + client + "}";
    }

    @Override
    public CompletionStage<Decision> take(String client, ClientRate rate) {
        return RedisFailures.guarded("client quota", () -> TAKE.<List<Object>>eval(redis, ScriptOutputType.MULTI,
                new String[] {key(client)}, Long.toString(clock.millis()), Double.toString(rate.perSecond()),
                Integer.toString(rate.burst())).thenApply(RedisClientQuotas::decision));
    }

    private static Decision decision(List<Object> reply) {
        if (((Number) reply.get(0)).longValue() == 1) {
            return Decision.GRANTED;
        }
        return new Decision(false, Duration.ofMillis(Math.max(1, ((Number) reply.get(1)).longValue())));
    }
}
