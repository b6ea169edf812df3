package vn.vneid.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event-loop health as metrics. {@code vertx_eventloop_lag_seconds}: every {@link #PROBE_EVERY} a task is
 * queued on each event loop and the time until it runs is measured; the gauge shows the worst loop's latest
 * lag (a loop busy with one long task, or simply saturated, shows here first). {@code vertx_eventloop_blocked_total}:
 * Vert.x's blocked-thread checker's warnings (a task ran longer than {@code maxEventLoopExecuteTime}), counted;
 * they are still logged, with the stack trace once the block lasts past the warning-exception time.
 */
public final class EventLoopMonitor implements AutoCloseable {
    public static final String LAG = "vertx.eventloop.lag";
    public static final String BLOCKED = "vertx.eventloop.blocked";
    static final Duration PROBE_EVERY = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(EventLoopMonitor.class);
    private final ScheduledExecutorService timer;
    private final List<Probe> probes = new ArrayList<>();

    private EventLoopMonitor(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static EventLoopMonitor install(Vertx vertx, MeterRegistry registry) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eventloop-monitor");
            t.setDaemon(true);
            return t;
        });
        EventLoopMonitor monitor = new EventLoopMonitor(timer);
        for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            Probe probe = new Probe(loop);
            monitor.probes.add(probe);
            timer.scheduleAtFixedRate(probe::send, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        Gauge.builder(LAG, monitor, EventLoopMonitor::worstLagSeconds)
                .description("Latest time a task waited to run on the busiest event loop")
                .baseUnit("seconds").register(registry);
        Counter blocked = Counter.builder(BLOCKED)
                .description("Blocked-thread warnings: an event-loop task ran longer than allowed").register(registry);
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> {
            blocked.increment();
            if (event.duration() > event.warningExceptionTime()) {
                Throwable where = new IllegalStateException("blocked here");
                where.setStackTrace(event.thread().getStackTrace());
                log.warn("thread {} blocked for {} ms (limit {} ms)", event.thread().getName(),
                        event.duration() / 1_000_000, event.maxExecTime() / 1_000_000, where);
            } else {
                log.warn("thread {} blocked for {} ms (limit {} ms)", event.thread().getName(),
                        event.duration() / 1_000_000, event.maxExecTime() / 1_000_000);
            }
        });
        return monitor;
    }

    private double worstLagSeconds() {
        long now = System.nanoTime();
        return probes.stream().mapToLong(p -> p.lagNanos(now)).max().orElse(0) / 1e9;
    }

    /** One loop's probe: at most one task in its queue at a time; a task still waiting counts as lag so far. */
    private static final class Probe {
        private final EventExecutor loop;
        private final AtomicLong queuedAt = new AtomicLong();
        private volatile long lastLag;

        Probe(EventExecutor loop) {
            this.loop = loop;
        }

        void send() {
            long now = System.nanoTime();
            if (queuedAt.compareAndSet(0, now)) {
                loop.execute(() -> {
                    lastLag = System.nanoTime() - queuedAt.get();
                    queuedAt.set(0);
                });
            }
        }

        long lagNanos(long now) {
            long waiting = queuedAt.get();
            return waiting == 0 ? lastLag : Math.max(lastLag, now - waiting);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
