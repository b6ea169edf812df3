package vn.vneid.gateway.notices.dispatch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import vn.vneid.gateway.notices.lanes.LaneKeys;
import vn.vneid.gateway.notices.lanes.RedisNoticeLanes;
import vn.vneid.smpp.SmppMetricNames;

/**
 * {@code queue_depth} and {@code queue_oldest_seconds} of the durable lanes, {@code lane} {@code transactional}
 * or {@code bulk} (every bulk lane together), read from Redis every {@link #EVERY} rather than at scrape time.
 * They carry {@code carrier="any"}: lanes come before routing (the carriers' own queues have the same names
 * with their carrier), and Prometheus wants one set of label names per metric.
 */
public final class LaneGauges {
    static final Duration EVERY = Duration.ofSeconds(5);
    private final AtomicLong txDepth = new AtomicLong();
    private final AtomicLong txOldestMs = new AtomicLong();
    private final AtomicLong bulkDepth = new AtomicLong();
    private final AtomicLong bulkOldestMs = new AtomicLong();

    private LaneGauges() {
    }

    public static LaneGauges install(Vertx vertx, RedisNoticeLanes lanes, NoticeDispatcher dispatcher, Clock clock,
                                     MeterRegistry registry) {
        LaneGauges g = new LaneGauges();
        register(registry, "transactional", g.txDepth, g.txOldestMs);
        register(registry, "bulk", g.bulkDepth, g.bulkOldestMs);
        vertx.setPeriodic(EVERY.toMillis(), id -> g.refresh(lanes, dispatcher, clock));
        return g;
    }

    /** The depths last read, by lane kind ({@code transactional}, {@code bulk}). */
    public java.util.Map<String, Long> lastDepths() {
        return java.util.Map.of("transactional", txDepth.get(), "bulk", bulkDepth.get());
    }

    private void refresh(RedisNoticeLanes lanes, NoticeDispatcher dispatcher, Clock clock) {
        var now = clock.instant();
        lanes.depth(LaneKeys.TRANSACTIONAL).thenAccept(txDepth::set);
        lanes.oldestAge(LaneKeys.TRANSACTIONAL, now).thenAccept(d -> txOldestMs.set(d.toMillis()));
        List<CompletableFuture<Long>> depths = new ArrayList<>();
        List<CompletableFuture<Duration>> ages = new ArrayList<>();
        for (String lane : dispatcher.knownLanes()) {
            if (!lane.equals(LaneKeys.TRANSACTIONAL)) {
                depths.add(lanes.depth(lane).toCompletableFuture());
                ages.add(lanes.oldestAge(lane, now).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(depths.toArray(CompletableFuture[]::new)).thenRun(() ->
                bulkDepth.set(depths.stream().mapToLong(CompletableFuture::join).sum()));
        CompletableFuture.allOf(ages.toArray(CompletableFuture[]::new)).thenRun(() ->
                bulkOldestMs.set(ages.stream().mapToLong(f -> f.join().toMillis()).max().orElse(0)));
    }

    private static void register(MeterRegistry registry, String lane, AtomicLong depth, AtomicLong oldestMs) {
        Gauge.builder(SmppMetricNames.QUEUE_DEPTH, depth, AtomicLong::get)
                .description("Messages waiting, by lane").tag(SmppMetricNames.TAG_CARRIER, "any")
                .tag(SmppMetricNames.TAG_LANE, lane).register(registry);
        Gauge.builder(SmppMetricNames.QUEUE_OLDEST, oldestMs, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest waiting message, by lane").tag(SmppMetricNames.TAG_CARRIER, "any")
                .tag(SmppMetricNames.TAG_LANE, lane).register(registry);
    }
}
