package vn.vneid.gateway.http;

import io.vertx.core.http.HttpServerOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.config.HttpLimits;
import vn.vneid.gateway.metrics.GatewayMetrics;

/**
 * What every HTTP server verticle of the process shares at the edge: the limits, the count of open connections
 * against the cap, and the store-outage log. {@link #serverOptions} turns the limits into Vert.x server options.
 */
public record HttpEdge(HttpLimits limits, OpenConnections connections, StoreOutageLog outages) {

    /** Room the process needs besides client connections: Redis, SMPP binds, logs, jars, the JVM. */
    private static final int OTHER_DESCRIPTORS = 256;
    private static final Logger log = LoggerFactory.getLogger(HttpEdge.class);

    public static HttpEdge create(HttpLimits limits, GatewayMetrics metrics, Clock clock) {
        warnIfDescriptorsAreShort(limits.maxConnections(), ManagementFactory.getOperatingSystemMXBean());
        return new HttpEdge(limits, new OpenConnections(limits.maxConnections(), metrics), new StoreOutageLog(clock));
    }

    /**
     * Past the process's file-descriptor limit the kernel refuses connections before the cap can: accept fails
     * over and over instead of a cheap, counted refusal. Says so at start, with what to set.
     */
    private static void warnIfDescriptorsAreShort(int maxConnections, OperatingSystemMXBean os) {
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                && unix.getMaxFileDescriptorCount() < (long) maxConnections + OTHER_DESCRIPTORS) {
            log.warn("http.maxConnections is {} but the process may open only {} files: raise the limit"
                    + " (ulimit -n, LimitNOFILE) to at least {} or lower http.maxConnections", maxConnections,
                    unix.getMaxFileDescriptorCount(), maxConnections + OTHER_DESCRIPTORS);
        }
    }

    /**
     * HTTP/1.1 only, with the size limits and the idle timeout. Cleartext HTTP/2 (h2c) is off: with it Vert.x
     * hands a connection over only once its first bytes arrive, so a silent connection could be neither counted
     * nor timed out, and no backend of the gateway speaks it.
     */
    public HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout((int) limits.idleTimeout().toMillis())
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes());
    }
}
