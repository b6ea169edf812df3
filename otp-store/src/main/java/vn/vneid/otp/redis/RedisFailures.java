package vn.vneid.otp.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import vn.vneid.otp.OtpStoreUnavailableException;

/** Turns Lettuce failures into {@link OtpStoreUnavailableException}, the one failure the ports promise. */
public final class RedisFailures {
    private RedisFailures() {
    }

    /**
     * Runs {@code call} (which may also throw synchronously) and maps any Redis failure of its stage to
     * {@link OtpStoreUnavailableException}; {@code what} names the operation in the message.
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
     * {@link CompletionException} or {@link ExecutionException}) becomes {@link OtpStoreUnavailableException}
     * naming {@code what}; any other runtime exception is returned as it is. The HTTP edge uses it to answer a
     * store failure the same way on every route.
     */
    public static RuntimeException map(String what, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof OtpStoreUnavailableException unavailable) {
            return unavailable;
        }
        if (e instanceof RedisCommandTimeoutException) {
            return new OtpStoreUnavailableException(what + ": Redis did not answer in time; retry later", e);
        }
        if (e instanceof RedisConnectionException) {
            return new OtpStoreUnavailableException(what + ": cannot connect to Redis; retry later", e);
        }
        if (e instanceof java.io.IOException) {
            // The connection broke under a command (Redis killed mid-reply): Netty's own I/O exception, unwrapped.
            return new OtpStoreUnavailableException(what + ": the connection to Redis broke; retry later", e);
        }
        if (e instanceof RedisException) {
            return new OtpStoreUnavailableException(what + ": Redis failed (" + e.getMessage() + "); retry later", e);
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
