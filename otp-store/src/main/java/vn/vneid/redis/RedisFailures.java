package vn.vneid.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Turns Lettuce failures into {@link StoreUnavailableException}, the one failure the ports promise. */
public final class RedisFailures {
    private RedisFailures() {
    }

    /**
     * Runs {@code call} (which may also throw synchronously) and maps any Redis failure of its stage to
     * {@link StoreUnavailableException}; {@code what} names the operation in the message.
     */
    public static <T> CompletionStage<T> guarded(String what, Supplier<CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            throw map(what, error);
        });
    }

    /**
     * {@code error} as the ports promise it: any Lettuce failure (timeout, connection, command; also wrapped in
     * {@link CompletionException} or {@link ExecutionException}) becomes {@link StoreUnavailableException}
     * naming {@code what}; any other runtime exception is returned as it is. The HTTP edge uses it to answer a
     * store failure the same way on every route.
     */
    public static RuntimeException map(String what, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof StoreUnavailableException unavailable) {
            return unavailable;
        }
        if (e instanceof RedisCommandTimeoutException) {
            return new StoreUnavailableException(what + ": Redis did not answer in time; retry later", e);
        }
        if (e instanceof RedisConnectionException) {
            return new StoreUnavailableException(what + ": cannot connect to Redis; retry later", e);
        }
        if (e instanceof java.io.IOException) {
            // The connection broke under a command (Redis killed mid-reply): Netty's own I/O exception, unwrapped.
            return new StoreUnavailableException(what + ": the connection to Redis broke; retry later", e);
        }
        if (e instanceof RedisException) {
            return new StoreUnavailableException(what + ": Redis failed (" + e.getMessage() + "); retry later", e);
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new CompletionException(e);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
