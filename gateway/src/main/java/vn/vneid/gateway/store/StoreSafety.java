package vn.vneid.gateway.store;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.config.ConfigException;

/**
 * Watches that Redis keeps what the gateway stores in it: queued notices, campaigns, accepted OTPs.
 * <ul>
 *   <li><b>Persistence.</b> At start and every {@code checkEvery}, {@code INFO persistence} must show an
 *   append-only file ({@code aof_enabled:1}); RDB snapshots alone lose minutes of accepted work on a restart. Outside
 *   dev mode, a gateway refuses to start on a Redis without one unless {@code redis.allowVolatile: true}, and stops
 *   being ready if Redis loses it later. {@code redis_persistent} is 1 or 0.</li>
 *   <li><b>Data loss.</b> A marker {@value #EPOCH_KEY} (no TTL) names the store's current epoch. When it is gone,
 *   or another, Redis lost its data (restarted without persistence, flushed, failed over to an empty replica):
 *   this is logged as an ERROR with what this instance knew to be queued, counted in
 *   {@code redis_data_losses_total}, the running campaigns it knew are remembered as lost (so that their status
 *   reads 410 {@code campaign.lost}, not a silent 404) and a new epoch begins.</li>
 * </ul>
 */
public final class StoreSafety {
    private static final Logger log = LoggerFactory.getLogger(StoreSafety.class);
    static final String EPOCH_KEY = "gw:epoch";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private final RedisAsyncCommands<String, String> redis;
    private final boolean allowVolatile;
    private final Clock clock;
    private volatile LostWork lostWork = LostWork.NONE;
    private final Counter losses;
    private final MeterRegistry registry;
    private final Counter lostCampaigns;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile String epoch;
    private volatile boolean persistent;
    private volatile String persistenceDetail = "not checked yet";

    /** What this instance knew was waiting in Redis, reported (and remembered) when Redis loses its data. */
    public interface LostWork {
        /** Notices it last saw queued, by lane kind ({@code transactional}, {@code bulk}). */
        java.util.Map<String, Long> queuedNotices();


        /** Ids of the campaigns it last saw running. */
        Collection<String> runningCampaigns();

        /** Remembers those campaigns as lost, in the new epoch. */
        CompletionStage<Void> rememberLost(Collection<String> campaignIds);

        /** Knows of nothing (before the notices are running). */
        LostWork NONE = new LostWork() {
            @Override
            public java.util.Map<String, Long> queuedNotices() {
                return java.util.Map.of();
            }

            @Override
            public Collection<String> runningCampaigns() {
                return List.of();
            }

            @Override
            public CompletionStage<Void> rememberLost(Collection<String> campaignIds) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private StoreSafety(RedisAsyncCommands<String, String> redis, boolean allowVolatile, Clock clock,
                        MeterRegistry registry) {
        this.redis = redis;
        this.allowVolatile = allowVolatile;
        this.clock = clock;
        this.registry = registry;
        this.losses = Counter.builder("redis.data_losses")
                .description("Times Redis was found to have lost the gateway's data (epoch marker gone)").register(registry);
        this.lostCampaigns = Counter.builder("redis.lost_campaigns")
                .description("Running campaigns lost with Redis's data").register(registry);
        List.of("transactional", "bulk").forEach(this::lostNotices);
        Gauge.builder("redis.persistent", this, s -> s.persistent ? 1 : 0)
                .description("1 while Redis keeps an append-only file, 0 when a restart would lose queued work")
                .register(registry);
    }

    /**
     * Checks persistence and takes the store's epoch, waiting for both. Outside dev mode, a Redis without an
     * append-only file stops the start with a {@link ConfigException} unless volatile storage is allowed.
     */
    public static StoreSafety start(RedisAsyncCommands<String, String> redis, boolean allowVolatile, boolean devMode,
                                    Clock clock, MeterRegistry registry) throws Exception {
        StoreSafety safety = new StoreSafety(redis, allowVolatile || devMode, clock, registry);
        safety.checkPersistence().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!safety.persistent) {
            String what = "Redis does not persist what the gateway accepts (" + safety.persistenceDetail
                    + "): a Redis restart would lose queued notices, campaigns and accepted OTPs";
            if (!safety.allowVolatile) {
                throw new ConfigException("redis", what + "; turn on its append-only file (appendonly yes), "
                        + "or set redis.allowVolatile: true to accept that");
            }
            if (!devMode) {
                log.warn("{}; running anyway (redis.allowVolatile: true)", what);
            }
        }
        safety.epoch = safety.takeEpoch().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        log.info("store epoch {}, {}", safety.epoch, safety.persistent ? "persistent (append-only file)" : "volatile");
        return safety;
    }

    /** Where to learn, when Redis lost its data, what was lost. */
    public void reportLossesTo(LostWork work) {
        this.lostWork = work;
    }

    /** One periodic check of persistence and of the epoch; never overlaps itself. */
    public CompletionStage<Void> check() {
        if (!checking.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return checkPersistence().thenCompose(v -> redis.get(EPOCH_KEY)).thenCompose(found -> {
            if (epoch.equals(found)) {
                return CompletableFuture.completedFuture(null);
            }
            return onLoss(found);
        }).whenComplete((v, e) -> {
            checking.set(false);
            if (e != null) {
                log.debug("store check failed: {}", e.toString());
            }
        });
    }

    /** False while Redis would lose queued work on a restart and that is not allowed. */
    public boolean ready() {
        return persistent || allowVolatile;
    }

    /** {@code persistent}, {@code volatile} (allowed) or {@code not_persistent}, for the readiness answer. */
    public String state() {
        return persistent ? "persistent" : allowVolatile ? "volatile" : "not_persistent";
    }

    private CompletionStage<Void> checkPersistence() {
        return redis.info("persistence").thenAccept(info -> {
            boolean aof = field(info, "aof_enabled").equals("1");
            boolean wasPersistent = persistent;
            persistent = aof;
            persistenceDetail = aof ? "append-only file on" : "appendonly is off";
            if (wasPersistent && !aof) {
                log.error("Redis stopped persisting (appendonly is off now): a restart would lose queued work{}",
                        allowVolatile ? "" : "; this instance is not ready until it persists again");
            }
        }).exceptionally(e -> {
            // A Redis that refuses INFO (ACL): persistence cannot be verified, so it is not assumed.
            persistent = false;
            persistenceDetail = "INFO persistence failed: " + e.getMessage();
            return null;
        });
    }

    private CompletionStage<Void> onLoss(String found) {
        java.util.Map<String, Long> queued = lostWork.queuedNotices();
        Collection<String> campaigns = lostWork.runningCampaigns();
        losses.increment();
        queued.forEach((lane, n) -> lostNotices(lane).increment(n));
        lostCampaigns.increment(campaigns.size());
        log.atError().setMessage("Redis lost the gateway's data: queued notices, campaigns and accepted OTPs stored "
                        + "before now are gone (restarted without persistence, flushed, or failed over to an empty "
                        + "replica)").addKeyValue("event", "redis.data_lost").addKeyValue("epochWas", epoch)
                .addKeyValue("epochNow", found == null ? "none" : found).addKeyValue("noticesQueuedBefore", queued)
                .addKeyValue("campaignsRunningBefore", campaigns).log();
        return lostWork.rememberLost(campaigns).exceptionally(e -> null)
                .thenCompose(v -> found == null ? takeEpoch() : CompletableFuture.completedFuture(found))
                .thenAccept(now -> epoch = now);
    }

    /** The current epoch, making one if there is none (another instance may make it first: then that one). */
    private CompletionStage<String> takeEpoch() {
        String fresh = clock.instant().toString() + "/" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return redis.set(EPOCH_KEY, fresh, SetArgs.Builder.nx())
                .thenCompose(ok -> "OK".equals(ok) ? CompletableFuture.completedFuture(fresh) : redis.get(EPOCH_KEY));
    }

    private Counter lostNotices(String lane) {
        return Counter.builder("redis.lost_notices").tag("lane", lane)
                .description("Notices this instance last saw queued when Redis lost its data, by lane kind")
                .register(registry);
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }
}
