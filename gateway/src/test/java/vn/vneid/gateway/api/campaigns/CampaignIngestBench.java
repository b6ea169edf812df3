package vn.vneid.gateway.api.campaigns;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.gateway.notices.campaigns.RedisStreamLanes;
import vn.vneid.redis.LocalRedis;

/**
 * Times one large NDJSON upload (default 1,000,000 lines, 1 in 1,000 invalid) through the real handler, over
 * loopback HTTP, into a real Redis (one stream entry per recipient), and reports recipients per second and the
 * heap: the highest heap in use during the upload and the live heap after the last GC, before and after.
 * Not a test (neither Surefire nor Failsafe runs it); run it with a small heap to show the body is not held:
 * <pre>{@code
 * mvn -q -B -o -ntp verify -pl gateway -am -DskipTests   # compiles main and test classes
 * java -Xmx256m -cp "<test classpath>" vn.vneid.gateway.api.campaigns.CampaignIngestBench 1000000 [discard]
 * }</pre>
 * With {@code discard} the lane answers every batch without writing it, which times the upload path alone
 * (HTTP, line splitting, JSON, phone, rendering, counting in Redis).
 */
public final class CampaignIngestBench {
    private CampaignIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        boolean discard = args.length > 1 && args[1].equals("discard");
        try (LocalRedis redis = new LocalRedis().start();
             CampaignApi api = new CampaignApi(redis.url(), Clock.systemUTC(), UploadLimits.defaults())) {
            if (discard) {
                api.lanes.discardWrites();
            }
            upload(api, 100_000, "warm-up");
            api.connection.sync().flushall();
            System.gc();
            long liveBefore = liveHeap();
            AtomicLong peak = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(usedHeap(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            JsonObject answer = upload(api, lines, "measured");
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.shutdownNow();
            long liveAfter = liveHeap();
            System.gc();
            System.out.printf("%d lines in %.2f s: %.0f recipients/s (received %d, queued %d, invalid %d)%n",
                    lines, seconds, lines / seconds, answer.getLong("received"), answer.getLong("queued"),
                    answer.getLong("invalid"));
            System.out.printf("heap: max %d MiB; peak in use during upload %d MiB; live after GC before %d MiB, "
                            + "after last GC of the upload %d MiB, after a full GC %d MiB; backpressure pauses %d%n",
                    Runtime.getRuntime().maxMemory() >> 20, peak.get() >> 20, liveBefore >> 20, liveAfter >> 20,
                    liveHeap() >> 20, api.upload.backpressurePauses());
            System.out.printf("redis stream entries: %d%n",
                    api.connection.sync().xlen(RedisStreamLanes.stream(Campaign.lane(
                            answer.getString("campaignId")))));
        }
    }

    private static JsonObject upload(CampaignApi api, long lines, String label) throws Exception {
        String id = api.create("bench", new JsonObject());
        NdjsonBody body = new NdjsonBody(lines, n -> n % 1000 == 0 ? "{\"to\":\"12\"}" : NdjsonBody.recipient(n), 64 * 1024);
        JsonObject r = api.stream("bench", id, body);
        if (r.getInteger("status") != 200) {
            throw new IllegalStateException(label + " upload answered " + r.encode());
        }
        return r.getJsonObject("body").put("campaignId", id);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Heap still in use right after the last collection of each pool. */
    private static long liveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        return live;
    }
}
