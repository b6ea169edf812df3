package vn.vneid.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the HTTP edge, read from the {@code http:} section ({@link HttpLimitsReader}); each bounds what one
 * client can hold without sending a useful request.
 * <ul>
 *   <li>{@code maxConnections}: connections open at once on this instance; one more is closed as it is accepted.</li>
 *   <li>{@code headerTimeout}: a connection must deliver a complete request head within this time of connecting
 *       or of its previous response, else it is closed (a client trickling a byte every few seconds included).</li>
 *   <li>{@code idleTimeout}: a connection on which nothing is read or written for this long is closed (streamed
 *       campaign uploads included).</li>
 *   <li>{@code requestTimeout}: a buffered request (every route but the streamed recipients upload) must be
 *       received and answered within this time, else it is answered 408 or 503.</li>
 *   <li>{@code maxRequestLineBytes}, {@code maxHeaderBytes}: longer request lines are answered 414, larger
 *       header sections 431.</li>
 * </ul>
 * The constructor checks ranges and throws {@link IllegalArgumentException} whose message starts with the key.
 */
public record HttpLimits(
        int maxConnections,
        Duration headerTimeout,
        Duration idleTimeout,
        Duration requestTimeout,
        int maxRequestLineBytes,
        int maxHeaderBytes) {

    public HttpLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        within("maxConnections", maxConnections, 1, 1_000_000);
        within("headerTimeout", headerTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
        within("idleTimeout", idleTimeout, Duration.ofMillis(100), Duration.ofHours(1));
        within("requestTimeout", requestTimeout, Duration.ofMillis(100), Duration.ofMinutes(10));
        within("maxRequestLineBytes", maxRequestLineBytes, 256, 65_536);
        within("maxHeaderBytes", maxHeaderBytes, 1_024, 65_536);
    }

    /**
     * 2,000 connections, a 10 s header deadline, 30 s idle, 10 s per buffered request, a 4 KiB request line and
     * 8 KiB of headers (the README explains each).
     */
    public static HttpLimits defaults() {
        return new HttpLimits(2_000, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10),
                4_096, 8_192);
    }

    public HttpLimits withMaxConnections(int max) {
        return new HttpLimits(max, headerTimeout, idleTimeout, requestTimeout, maxRequestLineBytes, maxHeaderBytes);
    }

    public HttpLimits withHeaderTimeout(Duration timeout) {
        return new HttpLimits(maxConnections, timeout, idleTimeout, requestTimeout, maxRequestLineBytes, maxHeaderBytes);
    }

    public HttpLimits withRequestTimeout(Duration timeout) {
        return new HttpLimits(maxConnections, headerTimeout, idleTimeout, timeout, maxRequestLineBytes, maxHeaderBytes);
    }

    private static void within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static void within(String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be between " + text(min) + " and "
                    + text(max) + ", got " + text(value));
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
