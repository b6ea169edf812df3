package vn.vneid.gateway.notices.campaigns;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.redis.LuaScript;

/**
 * A stand-in for the real lanes in tests: one Redis stream per lane ({@code lane:<lane>}), one XADD per
 * message, pipelined. It watches its callers: batches written at once ({@link #maxInFlight}), and batches
 * written before the uploading client had sent its whole body ({@link #batchesBeforeBodyEnded}). With a
 * {@code delay}, each batch completes that long after Redis answered (on a Vert.x timer), as a slow lane would.
 */
public final class RedisStreamLanes implements NoticeLanes {
    private static final int FIELDS = 7;
    /** One round trip per batch: KEYS[1] the stream; ARGV the messages' fields, {@value #FIELDS} pairs each. */
    private static final LuaScript APPEND = LuaScript.of("lane-append", """
            local n = 0
            for i = 1, #ARGV, 14 do
              redis.call('XADD', KEYS[1], '*', unpack(ARGV, i, i + 13))
              n = n + 1
            end
            return n
            """);
    private final RedisAsyncCommands<String, String> redis;
    private final Vertx vertx;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean discard;
    private volatile BooleanSupplier bodyEnded = () -> true;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchesBeforeBodyEnded = new AtomicLong();

    public RedisStreamLanes(RedisAsyncCommands<String, String> redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    public static String stream(String lane) {
        return "lane:" + lane;
    }

    public void delayEachBatch(Duration by) {
        this.delay = by;
    }

    /** Answers every batch at once without writing it: to time the upload path without the lane. */
    public void discardWrites() {
        this.discard = true;
    }

    public void watchBody(BooleanSupplier ended) {
        this.bodyEnded = ended;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public long batches() {
        return batches.get();
    }

    public long batchesBeforeBodyEnded() {
        return batchesBeforeBodyEnded.get();
    }

    @Override
    public CompletionStage<Void> enqueue(LaneMessage message) {
        return redis.xadd(stream(message.category() == vn.vneid.gateway.notices.Category.TRANSACTIONAL
                ? "transactional" : "bulk:" + ADHOC), fields(message)).thenApply(id -> null);
    }

    @Override
    public CompletionStage<Void> enqueueCampaign(String campaignId, List<LaneMessage> batch) {
        batches.incrementAndGet();
        if (!bodyEnded.getAsBoolean()) {
            batchesBeforeBodyEnded.incrementAndGet();
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        if (discard) {
            inFlight.decrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        String key = stream(Campaign.lane(campaignId));
        List<String> args = new ArrayList<>(batch.size() * FIELDS * 2);
        for (LaneMessage m : batch) {
            fields(m).forEach((k, v) -> {
                args.add(k);
                args.add(v);
            });
        }
        CompletableFuture<Long> written = APPEND.<Long>eval(redis, ScriptOutputType.INTEGER, new String[] {key},
                args.toArray(String[]::new)).toCompletableFuture();
        CompletableFuture<Void> done = new CompletableFuture<>();
        written.whenComplete((v, e) -> {
            Runnable finish = () -> {
                inFlight.decrementAndGet();
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(null);
                }
            };
            if (delay.isZero()) {
                finish.run();
            } else {
                vertx.setTimer(delay.toMillis(), id -> finish.run());
            }
        });
        return done;
    }

    @Override
    public CompletionStage<Long> dropCampaign(String campaignId) {
        String key = stream(Campaign.lane(campaignId));
        return redis.xlen(key).thenCompose(n -> redis.del(key).thenApply(d -> n));
    }

    @Override
    public CompletionStage<Long> depth(String lane) {
        return redis.xlen(stream(lane));
    }

    private static Map<String, String> fields(LaneMessage m) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("messageId", m.messageId());
        f.put("client", m.client());
        f.put("to", m.to().international());
        f.put("text", m.text());
        f.put("validUntil", m.validUntil().toString());
        f.put("campaignId", m.campaignId().orElse(""));
        f.put("requestId", String.valueOf(m.requestId()));
        return f;
    }
}
