package vn.vneid.gateway.notices;

import java.time.Duration;

/** The lane's backlog is at its cap; nothing was queued. Recoverable: retry after {@code retryAfter}. */
public final class LaneFullException extends RuntimeException {
    private final Duration retryAfter;

    public LaneFullException(String lane, long depth, Duration retryAfter) {
        super("lane " + lane + " holds " + depth + " messages, its cap; retry later", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
