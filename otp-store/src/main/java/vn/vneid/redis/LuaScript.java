package vn.vneid.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run by its SHA1 ({@code EVALSHA}). When Redis answers {@code NOSCRIPT} (a restart, a failover,
 * {@code SCRIPT FLUSH}) the call is repeated once with {@code EVAL}, which also puts the script back in the
 * script cache. Immutable and thread-safe; load each script once and share it.
 */
public final class LuaScript {
    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.sha1 = sha1Hex(source);
    }

    /** A script from source text; {@code name} is used in messages only. */
    public static LuaScript of(String name, String source) {
        return new LuaScript(name, source);
    }

    /** A script from a class-path resource, resolved like {@link Class#getResourceAsStream} on {@code anchor}. */
    public static LuaScript fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "Lua script " + resource + " not found next to " + anchor.getName());
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    /**
     * Runs the script with {@code keys} and {@code args}. The stage completes with what the script returns,
     * converted by {@code type} (see {@link ScriptOutputType}); Redis errors are passed through unchanged.
     */
    public <T> CompletionStage<T> eval(RedisScriptingAsyncCommands<String, String> commands, ScriptOutputType type,
            String[] keys, String... args) {
        CompletionStage<T> bySha = commands.evalsha(sha1, type, keys, args);
        return bySha.exceptionallyCompose(error -> {
            if (isNoScript(error)) {
                return commands.<T>eval(source, type, keys, args);
            }
            return failed(error);
        });
    }

    public String name() {
        return name;
    }

    public String sha1() {
        return sha1;
    }

    public String source() {
        return source;
    }

    private static boolean isNoScript(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e instanceof RedisNoScriptException
                || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"));
    }

    private static <T> CompletionStage<T> failed(Throwable error) {
        return java.util.concurrent.CompletableFuture.failedFuture(error);
    }

    private static String sha1Hex(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + ", sha1=" + sha1 + "]";
    }
}
