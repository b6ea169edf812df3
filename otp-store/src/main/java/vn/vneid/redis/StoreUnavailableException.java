package vn.vneid.redis;

/**
 * The store (Redis) did not answer in time or refused the connection: the one failure the Redis-backed ports
 * promise ({@link RedisFailures} maps every Lettuce failure to it). Recoverable: nothing was done, so the caller may
 * retry later; the HTTP edge answers 503 {@code store.unavailable} with Retry-After.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
