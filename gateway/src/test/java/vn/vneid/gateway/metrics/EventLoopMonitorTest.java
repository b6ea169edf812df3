package vn.vneid.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A blocked event loop shows in both metrics: the blocked-thread count and the lag gauge. */
class EventLoopMonitorTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
            .setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
            .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    private final EventLoopMonitor monitor = EventLoopMonitor.install(vertx, registry);

    @AfterEach
    void close() {
        monitor.close();
        vertx.close();
    }

    @Test
    void aBlockedEventLoopIsCountedAndItsLagShows() {
        assertThat(blocked()).isZero();
        long blockUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
        // Deliberately hold the event loop, as a blocking call in a handler would.
        vertx.runOnContext(v -> {
            while (System.nanoTime() < blockUntil) {
                Thread.onSpinWait();
            }
        });
        double worstLag = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((blocked() < 1 || worstLag < 0.3) && System.nanoTime() < deadline) {
            worstLag = Math.max(worstLag, lag());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(blocked()).as("blocked-thread warnings").isGreaterThanOrEqualTo(1);
        assertThat(worstLag).as("lag seen while blocked, in seconds").isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void anIdleEventLoopHasLittleLag() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && lag() == 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(lag()).as("a probe ran").isGreaterThan(0).isLessThan(0.25);
        assertThat(blocked()).isZero();
    }

    private double blocked() {
        return registry.get("vertx.eventloop.blocked").counter().count();
    }

    private double lag() {
        return registry.get("vertx.eventloop.lag").gauge().value();
    }
}
