package vn.vneid.otp.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.otp.CodeGenerator;
import vn.vneid.otp.CodeHasher;
import vn.vneid.otp.IssueOutcome;
import vn.vneid.otp.IssueRequest;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.OtpPolicy;
import vn.vneid.otp.OtpService;
import vn.vneid.otp.RateLimit;
import vn.vneid.otp.VerifyOutcome;
import vn.vneid.otp.VerifyRequest;

/**
 * {@link OtpService} on Redis. Every decision is taken inside a Lua script with the injected clock's time as
 * an argument; Redis TTLs only clean up dead keys.
 *
 * <p>Issue is three round trips: (1) take the resend cooldown; (2) in parallel, the phone limiter (hour and
 * day) and the citizen limiter (day); (3) store the record, or, if a limiter refused, give back whatever was
 * taken so a refused issue counts nothing. The record keeps the destination's number prefix beside the code's
 * HMAC. Verify reads the record's id and phone, computes the HMAC and runs the verify script, which compares,
 * counts and consumes atomically and, on a match, returns the prefix; if a new code replaced the record in
 * between, it starts over once.
 */
public final class RedisOtpService implements OtpService {
    private static final Logger log = LoggerFactory.getLogger(RedisOtpService.class);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private static final LuaScript COOLDOWN_ACQUIRE = LuaScript.bundled("cooldown_acquire.lua");
    private static final LuaScript COOLDOWN_RELEASE = LuaScript.bundled("cooldown_release.lua");
    private static final LuaScript LIMITER_ACQUIRE = LuaScript.bundled("limiter_acquire.lua");
    private static final LuaScript ISSUE = LuaScript.bundled("otp_issue.lua");
    private static final LuaScript VERIFY = LuaScript.bundled("otp_verify.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final OtpPolicies policies;
    private final CodeHasher hasher;
    private final CodeGenerator generator;
    private final Clock clock;

    public RedisOtpService(StatefulRedisConnection<String, String> connection, OtpPolicies policies,
            CodeHasher hasher, CodeGenerator generator, Clock clock) {
        this.redis = Objects.requireNonNull(connection, "connection").async();
        this.policies = Objects.requireNonNull(policies, "policies");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OtpPolicies policies() {
        return policies;
    }

    @Override
    public CompletionStage<IssueOutcome> issue(IssueRequest request) {
        return RedisFailures.guarded("issue OTP", () -> new Issue(request).run());
    }

    @Override
    public CompletionStage<VerifyOutcome> verify(VerifyRequest request) {
        return RedisFailures.guarded("verify OTP", () -> verify(request, true));
    }

    /** One issue attempt: its id, time and keys. */
    private final class Issue {
        private final IssueRequest request;
        private final OtpPolicy policy;
        private final long now = clock.millis();
        private final String otpId = generator.otpId();
        private final String cooldownKey;
        private final String cooldownValue;
        private final String phoneKey;
        private final String citizenKey;

        Issue(IssueRequest request) {
            this.request = request;
            this.policy = policies.of(request.purpose());
            this.cooldownKey = OtpKeys.cooldown(request.purpose(), request.citizenId());
            this.cooldownValue = (now + policy.resendCooldown().toMillis()) + ":" + otpId;
            this.phoneKey = OtpKeys.phoneLimiter(request.purpose(), request.phone());
            this.citizenKey = OtpKeys.citizenLimiter(request.purpose(), request.citizenId());
        }

        CompletionStage<IssueOutcome> run() {
            CompletionStage<Long> cooldown = COOLDOWN_ACQUIRE.eval(redis, ScriptOutputType.INTEGER,
                    keys(cooldownKey), ms(now), ms(policy.resendCooldown()), cooldownValue);
            return cooldown.thenCompose(leftMs -> {
                if (leftMs > 0) {
                    return refused(RateLimit.RESEND_COOLDOWN, leftMs);
                }
                return limiters();
            });
        }

        private CompletionStage<IssueOutcome> limiters() {
            CompletableFuture<Refusal> phone = LIMITER_ACQUIRE.<List<Object>>eval(redis, ScriptOutputType.MULTI,
                    keys(phoneKey), ms(now), otpId, ms(DAY),
                    ms(HOUR), Integer.toString(policy.maxPerPhonePerHour()),
                    ms(DAY), Integer.toString(policy.maxPerPhonePerDay()))
                    .thenApply(r -> Refusal.of(r, RateLimit.PHONE_HOURLY, RateLimit.PHONE_DAILY))
                    .toCompletableFuture();
            CompletableFuture<Refusal> citizen = LIMITER_ACQUIRE.<List<Object>>eval(redis, ScriptOutputType.MULTI,
                    keys(citizenKey), ms(now), otpId, ms(DAY),
                    ms(DAY), Integer.toString(policy.maxPerCitizenPerDay()))
                    .thenApply(r -> Refusal.of(r, RateLimit.CITIZEN_DAILY))
                    .toCompletableFuture();
            return phone.thenCombine(citizen, (p, c) -> new Refusal[] {p, c}).thenCompose(both -> {
                Refusal p = both[0];
                Refusal c = both[1];
                if (p == null && c == null) {
                    return store();
                }
                Refusal worst = p == null ? c : c == null ? p : (c.retryAfterMs() > p.retryAfterMs() ? c : p);
                return refund(p == null, c == null)
                        .thenCompose(ignored -> refused(worst.limit(), worst.retryAfterMs()));
            });
        }

        private CompletionStage<IssueOutcome> store() {
            String code = generator.code(policy);
            String hash = hasher.hash(request.purpose(), request.citizenId(), request.phone(), code);
            Instant expiresAt = Instant.ofEpochMilli(now).plus(policy.ttl());
            return ISSUE.<Long>eval(redis, ScriptOutputType.INTEGER,
                    keys(OtpKeys.record(request.purpose(), request.citizenId())),
                    otpId, hash, request.phone(), ms(expiresAt.toEpochMilli()),
                    Integer.toString(policy.maxAttempts()), ms(policy.ttl()), request.numberPrefix())
                    .thenApply(ignored -> {
                        log.debug("OTP {} issued for {}", otpId, request.purpose());
                        return new IssueOutcome.Issued(otpId, code, expiresAt,
                                Instant.ofEpochMilli(now).plus(policy.resendCooldown()));
                    });
        }

        /** Gives back the cooldown and the limiter slots this attempt took. */
        private CompletionStage<Void> refund(boolean phoneTaken, boolean citizenTaken) {
            CompletableFuture<?> cd = COOLDOWN_RELEASE.eval(redis, ScriptOutputType.INTEGER,
                    keys(cooldownKey), cooldownValue).toCompletableFuture();
            CompletableFuture<?> ph = phoneTaken
                    ? redis.zrem(phoneKey, otpId).toCompletableFuture() : CompletableFuture.completedFuture(0L);
            CompletableFuture<?> cid = citizenTaken
                    ? redis.zrem(citizenKey, otpId).toCompletableFuture() : CompletableFuture.completedFuture(0L);
            return CompletableFuture.allOf(cd, ph, cid);
        }

        private CompletionStage<IssueOutcome> refused(RateLimit limit, long retryAfterMs) {
            log.debug("OTP issue for {} refused by {}", request.purpose(), limit.label());
            return CompletableFuture.completedFuture(
                    new IssueOutcome.RateLimited(limit, Duration.ofMillis(retryAfterMs)));
        }
    }

    /** A limiter's refusal: which window, and how long until it has room. */
    private record Refusal(RateLimit limit, long retryAfterMs) {
        /** {@code reply} is {0, 0} when accepted, else {window index (1-based), retry-after ms}. */
        static Refusal of(List<Object> reply, RateLimit... windows) {
            int window = ((Long) reply.get(0)).intValue();
            return window == 0 ? null : new Refusal(windows[window - 1], (Long) reply.get(1));
        }
    }

    private CompletionStage<VerifyOutcome> verify(VerifyRequest request, boolean mayRetry) {
        String key = OtpKeys.record(request.purpose(), request.citizenId());
        return redis.hmget(key, "id", "ph").thenCompose(fields -> {
            String otpId = fields.get(0).getValueOrElse(null);
            String phone = fields.get(1).getValueOrElse(null);
            if (otpId == null || phone == null) {
                return CompletableFuture.completedFuture(VerifyOutcome.of(VerifyOutcome.Result.NOT_FOUND));
            }
            String hash = hasher.hash(request.purpose(), request.citizenId(), phone, request.code());
            return VERIFY.<List<Object>>eval(redis, ScriptOutputType.MULTI, keys(key),
                    ms(clock.millis()), otpId, hash).thenCompose(reply -> {
                        String result = (String) reply.get(0);
                        int attemptsLeft = ((Long) reply.get(1)).intValue();
                        if ("REPLACED".equals(result)) {
                            return mayRetry ? verify(request, false)
                                    : CompletableFuture.completedFuture(
                                            VerifyOutcome.of(VerifyOutcome.Result.NOT_FOUND));
                        }
                        log.debug("OTP {} verified for {}: {}", otpId, request.purpose(), result);
                        String prefix = reply.size() > 2 ? (String) reply.get(2) : "";
                        return CompletableFuture.completedFuture(
                                new VerifyOutcome(VerifyOutcome.Result.valueOf(result), attemptsLeft, prefix));
                    });
        });
    }

    private static String[] keys(String... keys) {
        return keys;
    }

    private static String ms(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private static String ms(long millis) {
        return Long.toString(millis);
    }
}
