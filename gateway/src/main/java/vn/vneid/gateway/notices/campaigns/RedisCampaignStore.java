package vn.vneid.gateway.notices.campaigns;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.QuietHours;
import vn.vneid.redis.LuaScript;

/**
 * Campaigns in Redis, shared by every gateway instance: a hash {@code campaign:{id}} with the settings, the
 * state and the counters of {@link CampaignTotals}; the set {@value #RUNNING} of the ids in state RUNNING; and
 * per campaign a hash {@code campaign:{id}:submitted} of submissions per epoch second over the last
 * {@link #RATE_SPAN}, from which {@link #submittedPerSecond} measures the pace. State changes are scripts, so
 * that two instances never both move a campaign, and so that an upload counts its recipients only while the
 * campaign still takes them ({@link #reserve}).
 */
public final class RedisCampaignStore {
    public static final String RUNNING = "campaigns:running";
    /** Campaigns that were running when Redis lost its data: id -> when the loss was found. */
    static final String LOST = "campaigns:lost";
    static final Duration LOST_KEPT = Duration.ofDays(30);
    static final Duration RATE_SPAN = Duration.ofSeconds(60);
    private static final Set<String> COUNTERS = Set.copyOf(CampaignTotals.FIELDS);

    /** KEYS: campaign, running set. ARGV: id, target state, now (ISO), allowed from-states... Returns {from, applied}. */
    private static final LuaScript TRANSITION = LuaScript.of("campaign-transition", """
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then return {'', 0} end
            for i = 4, #ARGV do
              if ARGV[i] == state then
                redis.call('HSET', KEYS[1], 'state', ARGV[2], 'stateChangedAt', ARGV[3])
                if ARGV[2] == 'RUNNING' then
                  redis.call('HSET', KEYS[1], 'runningSince', ARGV[3])
                  redis.call('SADD', KEYS[2], ARGV[1])
                else
                  redis.call('SREM', KEYS[2], ARGV[1])
                end
                return {state, 1}
              end
            end
            return {state, 0}
            """);

    /** KEYS: campaign. ARGV: received, invalid, queued. Counts only while DRAFT, RUNNING or PAUSED; returns the state. */
    private static final LuaScript RESERVE = LuaScript.of("campaign-reserve", """
            local state = redis.call('HGET', KEYS[1], 'state')
            if state == 'DRAFT' or state == 'RUNNING' or state == 'PAUSED' then
              redis.call('HINCRBY', KEYS[1], 'received', ARGV[1])
              redis.call('HINCRBY', KEYS[1], 'invalid', ARGV[2])
              redis.call('HINCRBY', KEYS[1], 'queued', ARGV[3])
            end
            return state or ''
            """);

    /**
     * KEYS: campaign, running set. ARGV: id, now. RUNNING and every queued recipient settled: COMPLETED. "Settled"
     * counts may exceed "queued" after a crash (a recipient counted twice, see the dispatcher), never fall short.
     */
    private static final LuaScript COMPLETE = LuaScript.of("campaign-complete", """
            local v = redis.call('HMGET', KEYS[1], 'state', 'queued', 'submitted', 'failed', 'expired', 'opted_out', 'cancelled')
            if v[1] ~= 'RUNNING' then return 0 end
            local settled = 0
            for i = 3, 7 do settled = settled + tonumber(v[i] or '0') end
            if tonumber(v[2] or '0') > settled then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'COMPLETED', 'stateChangedAt', ARGV[2])
            redis.call('SREM', KEYS[2], ARGV[1])
            return 1
            """);

    private final RedisAsyncCommands<String, String> redis;
    private final Clock clock;

    public RedisCampaignStore(RedisAsyncCommands<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public CompletionStage<Void> create(Campaign c) {
        Map<String, String> fields = new HashMap<>();
        fields.put("client", c.client());
        fields.put("name", c.name());
        fields.put("template", c.template());
        fields.put("locale", c.locale());
        fields.put("category", c.category().name());
        fields.put("unaccent", Boolean.toString(c.unaccent()));
        c.window().ifPresent(w -> {
            fields.put("windowStart", w.start().toString());
            fields.put("windowEnd", w.end().toString());
        });
        fields.put("maxRate", Double.toString(c.maxRate()));
        fields.put("quietStart", c.quietHours().start().toString());
        fields.put("quietEnd", c.quietHours().end().toString());
        fields.put("quietZone", c.quietHours().zone().getId());
        fields.put("validFor", c.validFor().toString());
        fields.put("state", c.state().name());
        fields.put("createdAt", c.createdAt().toString());
        for (String counter : CampaignTotals.FIELDS) {
            fields.put(counter, "0");
        }
        return redis.hset(key(c.id()), fields).thenApply(n -> null);
    }

    /** Remembers campaigns that Redis lost (for {@link #lostAt}), for {@link #LOST_KEPT}. */
    public CompletionStage<Void> rememberLost(java.util.Collection<String> ids, Instant at) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, String> lost = new HashMap<>();
        ids.forEach(id -> lost.put(id, at.toString()));
        return redis.hset(LOST, lost).thenCompose(n -> redis.expire(LOST, LOST_KEPT)).thenApply(ok -> null);
    }

    /** When a campaign was found lost with Redis's data; empty when it was not. */
    public CompletionStage<Optional<Instant>> lostAt(String id) {
        return redis.hget(LOST, id).thenApply(at -> Optional.ofNullable(at).map(Instant::parse));
    }

    public CompletionStage<Optional<Campaign>> find(String id) {
        return redis.hgetall(key(id)).thenApply(h -> h == null || !h.containsKey("client")
                ? Optional.empty() : Optional.of(decode(id, h)));
    }

    /** The campaign's state only; empty when there is no such campaign. */
    public CompletionStage<Optional<CampaignState>> state(String id) {
        return redis.hget(key(id), "state").thenApply(s -> Optional.ofNullable(s).map(CampaignState::valueOf));
    }

    public CompletionStage<Transition> transition(String id, CampaignAction action) {
        List<String> args = new ArrayList<>(List.of(id, action.to().name(), clock.instant().toString()));
        action.from().forEach(s -> args.add(s.name()));
        return TRANSITION.<List<Object>>eval(redis, ScriptOutputType.MULTI, new String[] {key(id), RUNNING},
                args.toArray(String[]::new)).thenApply(r -> {
                    String from = String.valueOf(r.get(0));
                    return new Transition(from.isEmpty() ? Optional.empty() : Optional.of(CampaignState.valueOf(from)),
                            action.to(), ((Long) r.get(1)) == 1L);
                });
    }

    /**
     * Counts an upload's batch ({@code received} lines, {@code invalid} of them, {@code queued} about to be written
     * to the lane) if the campaign still takes recipients, and answers its state either way (empty: no campaign).
     * Counting {@code queued} before the lane write keeps {@link #completeIfSettled} from completing a campaign
     * whose batch is on its way.
     */
    public CompletionStage<Optional<CampaignState>> reserve(String id, long received, long invalid, long queued) {
        return RESERVE.<String>eval(redis, ScriptOutputType.VALUE, new String[] {key(id)},
                        Long.toString(received), Long.toString(invalid), Long.toString(queued))
                .thenApply(s -> s == null || s.isEmpty() ? Optional.empty() : Optional.of(CampaignState.valueOf(s)));
    }

    /** Adds {@code delta} to a counter; {@code submitted} also feeds the pace sample. */
    public CompletionStage<Void> count(String id, String counter, long delta) {
        if (!COUNTERS.contains(counter)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "unknown campaign counter '" + counter + "'; one of " + CampaignTotals.FIELDS));
        }
        CompletionStage<Long> counted = redis.hincrby(key(id), counter, delta);
        if (!counter.equals("submitted")) {
            return counted.thenApply(n -> null);
        }
        long second = clock.instant().getEpochSecond();
        String sample = sampleKey(id);
        CompletionStage<Long> bucket = redis.hincrby(sample, Long.toString(second), delta);
        CompletionStage<Long> pruned = redis.hdel(sample, staleBuckets(second));
        CompletionStage<Boolean> expiry = redis.pexpire(sample, 2 * RATE_SPAN.toMillis());
        return CompletableFuture.allOf(counted.toCompletableFuture(), bucket.toCompletableFuture(),
                pruned.toCompletableFuture(), expiry.toCompletableFuture());
    }

    /**
     * Submissions per second over the last minute, or since {@code since} when that is more recent (a campaign
     * that started 10 s ago is measured over 10 s); 0 when nothing was submitted.
     */
    public CompletionStage<Double> submittedPerSecond(String id, Optional<Instant> since) {
        Instant now = clock.instant();
        long nowSecond = now.getEpochSecond();
        long from = nowSecond - RATE_SPAN.getSeconds();
        return redis.hgetall(sampleKey(id)).thenApply(buckets -> {
            long sum = 0;
            for (Map.Entry<String, String> e : buckets.entrySet()) {
                long second = Long.parseLong(e.getKey());
                if (second > from && second <= nowSecond) {
                    sum += Long.parseLong(e.getValue());
                }
            }
            long span = RATE_SPAN.getSeconds();
            if (since.isPresent()) {
                span = Math.max(1, Math.min(span, Duration.between(since.get(), now).getSeconds()));
            }
            return sum / (double) span;
        });
    }

    /** When the campaign last became RUNNING (start or resume). */
    public CompletionStage<Optional<Instant>> runningSince(String id) {
        return redis.hget(key(id), "runningSince").thenApply(s -> Optional.ofNullable(s).map(Instant::parse));
    }

    /** Ids in {@value #RUNNING}. */
    public CompletionStage<Set<String>> runningIds() {
        return redis.smembers(RUNNING);
    }

    /** Moves a RUNNING campaign whose counters show every queued recipient settled to COMPLETED (atomically). */
    CompletionStage<Boolean> completeIfSettled(String id) {
        return COMPLETE.<Long>eval(redis, ScriptOutputType.INTEGER, new String[] {key(id), RUNNING}, id,
                clock.instant().toString()).thenApply(n -> n == 1L);
    }

    RedisAsyncCommands<String, String> redis() {
        return redis;
    }

    private static String[] staleBuckets(long second) {
        String[] stale = new String[5];
        for (int i = 0; i < stale.length; i++) {
            stale[i] = Long.toString(second - RATE_SPAN.getSeconds() - 1 - i);
        }
        return stale;
    }

    static Campaign decode(String id, Map<String, String> h) {
        Optional<CampaignWindow> window = h.containsKey("windowStart")
                ? Optional.of(new CampaignWindow(Instant.parse(h.get("windowStart")), Instant.parse(h.get("windowEnd"))))
                : Optional.empty();
        QuietHours quiet = new QuietHours(LocalTime.parse(h.get("quietStart")), LocalTime.parse(h.get("quietEnd")),
                ZoneId.of(h.get("quietZone")));
        return new Campaign(id, h.get("client"), h.get("name"), h.get("template"), h.get("locale"),
                Category.valueOf(h.get("category")), Boolean.parseBoolean(h.get("unaccent")), window,
                Double.parseDouble(h.get("maxRate")), quiet, Duration.parse(h.get("validFor")),
                CampaignState.valueOf(h.get("state")), Instant.parse(h.get("createdAt")), CampaignTotals.of(h));
    }

    static String key(String id) {
        return "campaign:{" + id + "}";
    }

    static String sampleKey(String id) {
        return "campaign:{" + id + "}:submitted";
    }
}
