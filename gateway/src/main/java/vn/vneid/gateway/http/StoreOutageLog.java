package vn.vneid.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.metrics.HttpMetricsHandler;

/**
 * What the log says while the store (Redis) is down, as the API sees it: one WARN at the first request refused
 * for want of the store, then at most one WARN per {@code interval} counting the requests refused since the
 * last line, and one INFO when a request on a {@code /v1/} route succeeds again (its handler reached the
 * store), with the outage's length and total refusals. Never a line, let alone a stack trace, per request: a
 * minute's outage at 5,000 requests a second is three or four lines, not 300,000. Thread-safe; one per process.
 */
public final class StoreOutageLog {
    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(StoreOutageLog.class);
    private final Clock clock;
    private final Duration interval;
    private volatile boolean down;
    private Instant since;
    private Instant lastLine;
    private long refusedSinceLine;
    private long refusedTotal;

    public StoreOutageLog(Clock clock) {
        this(clock, INTERVAL);
    }

    StoreOutageLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** A request on {@code route} was refused because the store failed with {@code cause}. */
    public synchronized void refused(String route, Throwable cause) {
        Instant now = clock.instant();
        refusedTotal++;
        if (!down) {
            down = true;
            since = now;
            lastLine = now;
            refusedSinceLine = 0;
            log.atWarn().setMessage("store unavailable: requests are answered 503 store.unavailable until it answers"
                            + " again; further refusals are counted, not logged one by one")
                    .addKeyValue("event", "store.unavailable").addKeyValue("route", route)
                    .addKeyValue("cause", String.valueOf(cause.getMessage())).log();
            return;
        }
        refusedSinceLine++;
        if (!now.isBefore(lastLine.plus(interval))) {
            log.atWarn().setMessage("store still unavailable").addKeyValue("event", "store.still_unavailable")
                    .addKeyValue("refused", refusedSinceLine)
                    .addKeyValue("seconds", Duration.between(lastLine, now).toSeconds())
                    .addKeyValue("cause", String.valueOf(cause.getMessage())).log();
            lastLine = now;
            refusedSinceLine = 0;
        }
    }

    /** A request reached the store and succeeded; ends an outage, if one was logged. Cheap when there is none. */
    public void answered() {
        if (!down) {
            return;
        }
        synchronized (this) {
            if (!down) {
                return;
            }
            down = false;
            log.atInfo().setMessage("store answers again").addKeyValue("event", "store.available")
                    .addKeyValue("outageSeconds", Duration.between(since, clock.instant()).toSeconds())
                    .addKeyValue("refused", refusedTotal).log();
            refusedTotal = 0;
        }
    }

    /** True between the first refusal of an outage and the first success after it. */
    public boolean isDown() {
        return down;
    }

    /**
     * A router handler that watches answers: a 2xx on a {@code /v1/} route means its handler reached the store,
     * so an outage is over ({@link #answered}).
     */
    public Handler<RoutingContext> watcher() {
        return ctx -> {
            ctx.addEndHandler(v -> {
                if (down && ctx.response().getStatusCode() < 300) {
                    String route = ctx.get(HttpMetricsHandler.ROUTE);
                    if (route != null && route.startsWith("/v1/")) {
                        answered();
                    }
                }
            });
            ctx.next();
        };
    }
}
