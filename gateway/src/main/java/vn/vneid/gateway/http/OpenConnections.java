package vn.vneid.gateway.http;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicInteger;
import vn.vneid.gateway.metrics.GatewayMetrics;

/**
 * The HTTP connections open on this instance, against {@code http.maxConnections}; shared by every HTTP server
 * verticle (thread-safe). {@link #tryOpen} admits a connection as it is accepted or counts it refused; an
 * admitted one is given back with {@link #closed}. Exported as {@code gateway_http_connections},
 * {@code gateway_http_connections_refused_total} and {@code gateway_http_header_timeouts_total}.
 */
public final class OpenConnections {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter refused;
    private final Counter headerTimeouts;

    public OpenConnections(int max, GatewayMetrics metrics) {
        this.max = max;
        this.refused = metrics.httpConnectionsRefused();
        this.headerTimeouts = metrics.httpHeaderTimeouts();
        metrics.httpConnectionsOpen(open::get);
    }

    /** True when the connection may stay open; false (and counted) when the instance is at its cap. */
    boolean tryOpen() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.increment();
            return false;
        }
        return true;
    }

    /** An admitted connection closed. */
    void closed() {
        open.decrementAndGet();
    }

    /** A connection is being closed for not sending a complete request head in time. */
    void headerTimedOut() {
        headerTimeouts.increment();
    }
}
