package vn.vneid.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisServerExtension;

class LuaScriptIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final LuaScript ECHO =
            LuaScript.of("echo", "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]");

    private RedisConnections redis;

    @BeforeEach
    void setUp() {
        redis = RedisConnections.open(REDIS.url(), Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void unknownScriptIsLoadedAndRunOnNoscript() {
        REDIS.commands().scriptFlush();
        assertThat(REDIS.commands().scriptExists(ECHO.sha1())).containsExactly(false);

        String reply = await(ECHO.eval(redis.async(), ScriptOutputType.VALUE, new String[] {"k"}, "hello"));

        assertThat(reply).isEqualTo("hello");
        assertThat(REDIS.commands().get("k")).isEqualTo("hello");
        assertThat(REDIS.commands().scriptExists(ECHO.sha1())).containsExactly(true);
    }

    @Test
    void scriptFlushedAgainIsReloaded() {
        await(ECHO.eval(redis.async(), ScriptOutputType.VALUE, new String[] {"k"}, "one"));
        REDIS.commands().scriptFlush();
        assertThat(await(ECHO.<String>eval(redis.async(), ScriptOutputType.VALUE, new String[] {"k"}, "two")))
                .isEqualTo("two");
    }

    @Test
    void sha1MatchesWhatRedisComputes() {
        assertThat(REDIS.commands().scriptLoad(ECHO.source())).isEqualTo(ECHO.sha1());
    }

    @Test
    void otherScriptErrorsAreNotRetried() {
        LuaScript broken = LuaScript.of("broken", "return redis.call('INCR', KEYS[1])");
        REDIS.commands().set("text", "not a number");
        assertThatThrownBy(() -> broken.eval(redis.async(), ScriptOutputType.INTEGER, new String[] {"text"})
                .toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageContaining("not an integer");
    }

    @Test
    void scriptsLoadFromTheClassPathNextToTheirClass() {
        assertThat(LuaScript.fromResource(LuaScriptIT.class, "echo.lua").source()).contains("return ARGV[1]");
        assertThatThrownBy(() -> LuaScript.fromResource(LuaScriptIT.class, "missing.lua"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage did not complete normally", e);
        }
    }
}
