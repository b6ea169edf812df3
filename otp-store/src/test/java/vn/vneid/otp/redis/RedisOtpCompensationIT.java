package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.otp.redis.OtpTestSupport.HASHER;
import static vn.vneid.otp.redis.OtpTestSupport.KEYS;
import static vn.vneid.otp.redis.OtpTestSupport.await;
import static vn.vneid.otp.redis.OtpTestSupport.citizen;
import static vn.vneid.otp.redis.OtpTestSupport.issued;
import static vn.vneid.otp.redis.OtpTestSupport.phone;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.otp.CodeGenerator;
import vn.vneid.otp.IssueOutcome;
import vn.vneid.otp.IssueRequest;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.OtpPolicy;
import vn.vneid.otp.Purpose;
import vn.vneid.otp.RateLimit;
import vn.vneid.otp.VerifyOutcome.Result;
import vn.vneid.otp.VerifyRequest;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * An issue checks the citizen (cooldown, limit, store) and the phone (limits) at once, on two hash tags: when one
 * refuses, what the other took is given back, so a refusal never blocks the citizen or uses up the phone.
 */
class RedisOtpCompensationIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Purpose PURPOSE = Purpose.LOGIN;
    private static final OtpPolicy POLICY = OtpPolicy.DEFAULT;

    private final MutableClock clock = MutableClock.startingAt2025();
    private RedisConnections redis;
    private RedisOtpService otp;

    @BeforeEach
    void setUp() {
        redis = RedisConnections.open(REDIS.url(), Duration.ofSeconds(2));
        otp = new RedisOtpService(redis.connection(), OtpPolicies.defaults(), HASHER, new CodeGenerator(), clock);
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    private IssueOutcome issue(String citizenId, String phone) {
        return await(otp.issue(new IssueRequest(PURPOSE, citizenId, phone)));
    }

    private Result verify(String citizenId, String code) {
        return await(otp.verify(new VerifyRequest(PURPOSE, citizenId, code))).result();
    }

    /** Uses up the hourly sends of {@code phone} with other citizens. */
    private void fillPhone(String phone) {
        for (int c = 0; c < POLICY.maxPerPhonePerHour(); c++) {
            issued(issue(citizen(500 + c), phone));
        }
    }

    @Test
    void aPhoneLimitRefusalLeavesTheCitizensCooldownFreeAndTheirEarlierCodeLive() {
        IssueOutcome.Issued earlier = issued(issue(citizen(1), phone(1)));
        clock.advance(POLICY.resendCooldown());
        fillPhone(phone(2));

        assertThat(issue(citizen(1), phone(2))).isInstanceOf(IssueOutcome.RateLimited.class)
                .extracting(o -> ((IssueOutcome.RateLimited) o).limit()).isEqualTo(RateLimit.PHONE_HOURLY);

        OtpKeys.Citizen keys = KEYS.citizen(PURPOSE, citizen(1));
        assertThat(REDIS.commands().exists(keys.cooldown())).as("no cooldown left by the refusal").isZero();
        assertThat(REDIS.commands().zcard(keys.limiter())).as("only the earlier send counted").isEqualTo(1);
        assertThat(REDIS.commands().hget(keys.record(), "id")).isEqualTo(earlier.otpId());
        assertThat(REDIS.commands().zcard(KEYS.phoneLimiter(PURPOSE, phone(2)))).isEqualTo(POLICY.maxPerPhonePerHour());
        IssueOutcome.Issued next = issued(issue(citizen(1), phone(3)));
        assertThat(verify(citizen(1), next.code())).isEqualTo(Result.APPROVED);
    }

    @Test
    void theEarlierCodeStillVerifiesAfterARefusedReissue() {
        IssueOutcome.Issued earlier = issued(issue(citizen(1), phone(1)));
        clock.advance(POLICY.resendCooldown());
        fillPhone(phone(2));
        assertThat(issue(citizen(1), phone(2))).isInstanceOf(IssueOutcome.RateLimited.class);

        assertThat(verify(citizen(1), earlier.code())).isEqualTo(Result.APPROVED);
    }

    @Test
    void aRefusedReissueNeverBringsBackACodeThatWasAlreadyReplaced() {
        IssueOutcome.Issued first = issued(issue(citizen(1), phone(1)));
        clock.advance(POLICY.resendCooldown());
        IssueOutcome.Issued second = issued(issue(citizen(1), phone(1)));
        assertThat(verify(citizen(1), second.code())).isEqualTo(Result.APPROVED);
        clock.advance(POLICY.resendCooldown());
        fillPhone(phone(2));

        assertThat(issue(citizen(1), phone(2))).isInstanceOf(IssueOutcome.RateLimited.class);

        assertThat(REDIS.commands().exists(KEYS.citizen(PURPOSE, citizen(1)).record())).isZero();
        assertThat(verify(citizen(1), first.code())).isEqualTo(Result.NOT_FOUND);
    }

    @Test
    void aCooldownRefusalCountsNoSendOnThePhone() {
        issued(issue(citizen(1), phone(1)));
        for (int i = 0; i < 3; i++) {
            assertThat(issue(citizen(1), phone(2))).isInstanceOf(IssueOutcome.RateLimited.class)
                    .extracting(o -> ((IssueOutcome.RateLimited) o).limit()).isEqualTo(RateLimit.RESEND_COOLDOWN);
        }

        assertThat(REDIS.commands().zcard(KEYS.phoneLimiter(PURPOSE, phone(2)))).isZero();
        fillPhone(phone(2)); // all of its hourly sends are still there for others
    }

    @Test
    void aCooldownRefusalIsReportedBeforeAPhoneLimit() {
        issued(issue(citizen(1), phone(1)));
        fillPhone(phone(2));

        assertThat(issue(citizen(1), phone(2))).isInstanceOf(IssueOutcome.RateLimited.class)
                .extracting(o -> ((IssueOutcome.RateLimited) o).limit()).isEqualTo(RateLimit.RESEND_COOLDOWN);
    }
}
