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
import vn.vneid.redis.LuaScript;
import vn.vneid.redis.RedisFailures;

/**
 * {@link OtpService} on Redis. Every decision is taken inside a Lua script with the injected clock's time as
 * an argument; Redis TTLs only clean up dead keys.
 *
 * <p>Issue is one round trip of two scripts sent together (pipelined on the connection), each on one hash tag:
 * on the citizen's, the resend cooldown, the citizen's limit and the store of the code ({@code otp_issue.lua}); on
 * the phone's, its hourly and daily limits ({@code limiter_acquire.lua}). When one refuses and the other accepted,
 * the accepted one is taken back before the answer ({@code otp_issue_undo.lua}, or removing the phone's send), so a
 * refused issue leaves nothing that blocks the citizen: no cooldown, no counted send, the earlier code live again.
 * A cooldown refusal is reported before a limit; among limits, the longest wait. The record keeps the destination's
 * number prefix beside the code's HMAC, and no phone number. Verify is one script: the HMAC covers only purpose,
 * citizen and code, all in the request, so the script compares, counts and consumes without a read first.
 */
public final class RedisOtpService implements OtpService {
    private static final Logger log = LoggerFactory.getLogger(RedisOtpService.class);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private static final LuaScript ISSUE = LuaScript.fromResource(RedisOtpService.class, "otp_issue.lua");
    private static final LuaScript ISSUE_UNDO = LuaScript.fromResource(RedisOtpService.class, "otp_issue_undo.lua");
    private static final LuaScript LIMITER_ACQUIRE = LuaScript.fromResource(RedisOtpService.class, "limiter_acquire.lua");
    private static final LuaScript VERIFY = LuaScript.fromResource(RedisOtpService.class, "otp_verify.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final OtpPolicies policies;
    private final CodeHasher hasher;
    private final OtpKeys keys;
    private final CodeGenerator generator;
    private final Clock clock;

    public RedisOtpService(StatefulRedisConnection<String, String> connection, OtpPolicies policies,
            CodeHasher hasher, CodeGenerator generator, Clock clock) {
        this.redis = Objects.requireNonNull(connection, "connection").async();
        this.policies = Objects.requireNonNull(policies, "policies");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.keys = new OtpKeys(hasher);
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
        return RedisFailures.guarded("verify OTP", () -> {
            String[] record = {keys.citizen(request.purpose(), request.citizenId()).record()};
            String hash = hasher.hash(request.purpose(), request.citizenId(), request.code());
            return VERIFY.<List<Object>>eval(redis, ScriptOutputType.MULTI, record, ms(clock.millis()), hash)
                    .thenApply(reply -> {
                        VerifyOutcome.Result result = VerifyOutcome.Result.valueOf((String) reply.get(0));
                        log.debug("OTP {} verified for {}: {}", reply.get(3), request.purpose(), result);
                        return new VerifyOutcome(result, ((Long) reply.get(1)).intValue(), (String) reply.get(2));
                    });
        });
    }

    /** One issue attempt: its id, time and keys. */
    private final class Issue {
        private final IssueRequest request;
        private final OtpPolicy policy;
        private final long now = clock.millis();
        private final String otpId = generator.otpId();
        private final OtpKeys.Citizen citizen;
        private final String phoneKey;

        Issue(IssueRequest request) {
            this.request = request;
            this.policy = policies.of(request.purpose());
            this.citizen = keys.citizen(request.purpose(), request.citizenId());
            this.phoneKey = keys.phoneLimiter(request.purpose(), request.phone());
        }

        CompletionStage<IssueOutcome> run() {
            String code = generator.code(policy);
            Instant expiresAt = Instant.ofEpochMilli(now).plus(policy.ttl());
            // Both scripts are written before either answer is read: one round trip.
            CompletableFuture<Refusal> citizenSide = ISSUE.<List<Object>>eval(redis, ScriptOutputType.MULTI,
                    citizen.all(), ms(now), otpId, hasher.hash(request.purpose(), request.citizenId(), code),
                    ms(expiresAt.toEpochMilli()), Integer.toString(policy.maxAttempts()), ms(policy.ttl()),
                    request.numberPrefix(), ms(policy.resendCooldown()), ms(DAY),
                    Integer.toString(policy.maxPerCitizenPerDay()))
                    .thenApply(r -> Refusal.of(r, RateLimit.RESEND_COOLDOWN, RateLimit.CITIZEN_DAILY))
                    .toCompletableFuture();
            CompletableFuture<Refusal> phoneSide = LIMITER_ACQUIRE.<List<Object>>eval(redis, ScriptOutputType.MULTI,
                    new String[] {phoneKey}, ms(now), otpId, ms(DAY),
                    ms(HOUR), Integer.toString(policy.maxPerPhonePerHour()),
                    ms(DAY), Integer.toString(policy.maxPerPhonePerDay()))
                    .thenApply(r -> Refusal.of(r, RateLimit.PHONE_HOURLY, RateLimit.PHONE_DAILY))
                    .toCompletableFuture();
            return citizenSide.handle(Side::new).thenCombine(phoneSide.handle(Side::new), (c, p) -> new Side[] {c, p})
                    .thenCompose(both -> decide(both[0], both[1], code, expiresAt));
        }

        private CompletionStage<IssueOutcome> decide(Side c, Side p, String code, Instant expiresAt) {
            if (c.accepted() && p.accepted()) {
                log.debug("OTP {} issued for {}", otpId, request.purpose());
                return CompletableFuture.completedFuture(new IssueOutcome.Issued(otpId, code, expiresAt,
                        Instant.ofEpochMilli(now).plus(policy.resendCooldown())));
            }
            CompletionStage<?> undone = undo(c.accepted(), p.accepted());
            if (c.error() != null || p.error() != null) {
                // Nothing is issued: what one side took is given back as well as Redis allows, and the failure stands.
                Throwable error = c.error() != null ? c.error() : p.error();
                return undone.<IssueOutcome>handle((v, e) -> {
                    throw RedisFailures.map("issue OTP", error);
                });
            }
            Refusal worst = c.refusal() != null && c.refusal().limit() == RateLimit.RESEND_COOLDOWN ? c.refusal()
                    : c.refusal() == null ? p.refusal() : p.refusal() == null ? c.refusal()
                    : (c.refusal().retryAfterMs() > p.refusal().retryAfterMs() ? c.refusal() : p.refusal());
            return undone.thenApply(ignored -> refused(worst));
        }

        /** Takes back the side that accepted, so the refused issue leaves nothing behind. */
        private CompletionStage<?> undo(boolean citizenTaken, boolean phoneTaken) {
            if (citizenTaken) {
                return ISSUE_UNDO.eval(redis, ScriptOutputType.INTEGER, citizen.all(), otpId);
            }
            return phoneTaken ? redis.zrem(phoneKey, otpId) : CompletableFuture.completedFuture(0L);
        }

        private IssueOutcome refused(Refusal refusal) {
            log.debug("OTP issue for {} refused by {}", request.purpose(), refusal.limit().label());
            return new IssueOutcome.RateLimited(refusal.limit(), Duration.ofMillis(refusal.retryAfterMs()));
        }
    }

    /** What one of the two issue scripts answered: accepted (no refusal, no error), a refusal, or a failure. */
    private record Side(Refusal refusal, Throwable error) {
        boolean accepted() {
            return refusal == null && error == null;
        }
    }

    /** A refusal: which limit, and how long until it has room. */
    private record Refusal(RateLimit limit, long retryAfterMs) {
        /** {@code reply} is {0, 0} when accepted, else {limit index (1-based), retry-after ms}. */
        static Refusal of(List<Object> reply, RateLimit... limits) {
            int index = ((Long) reply.get(0)).intValue();
            return index == 0 ? null : new Refusal(limits[index - 1], (Long) reply.get(1));
        }
    }

    private static String ms(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private static String ms(long millis) {
        return Long.toString(millis);
    }
}
