package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.otp.redis.OtpTestSupport.HASHER;
import static vn.vneid.otp.redis.OtpTestSupport.KEYS;
import static vn.vneid.otp.redis.OtpTestSupport.await;
import static vn.vneid.otp.redis.OtpTestSupport.citizen;
import static vn.vneid.otp.redis.OtpTestSupport.issued;
import static vn.vneid.otp.redis.OtpTestSupport.phone;

import java.time.Duration;
import java.time.Instant;
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

/** Cooldown and sliding-window limits, with the default policy: 60 s cooldown, 5/h and 10/day per phone, 10/day per citizen. */
class RedisOtpLimitsIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Purpose PURPOSE = Purpose.LOGIN;
    private static final OtpPolicy POLICY = OtpPolicy.DEFAULT;
    private static final Duration COOLDOWN = POLICY.resendCooldown();

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

    private long sends(String limiterKey) {
        return REDIS.commands().zcard(limiterKey);
    }

    @Test
    void issueInsideCooldownIsRefusedAndChangesNothing() {
        IssueOutcome.Issued live = issued(issue(citizen(1), phone(1)));
        String record = REDIS.commands().hget(KEYS.citizen(PURPOSE, citizen(1)).record(), "h");

        clock.advance(Duration.ofSeconds(20));
        for (int i = 0; i < 10; i++) {
            assertThat(issue(citizen(1), phone(1)))
                    .isEqualTo(new IssueOutcome.RateLimited(RateLimit.RESEND_COOLDOWN, Duration.ofSeconds(40)));
        }

        assertThat(REDIS.commands().hget(KEYS.citizen(PURPOSE, citizen(1)).record(), "h")).isEqualTo(record);
        assertThat(sends(KEYS.phoneLimiter(PURPOSE, phone(1)))).isEqualTo(1);
        assertThat(sends(KEYS.citizen(PURPOSE, citizen(1)).limiter())).isEqualTo(1);
        for (int c = 2; c <= POLICY.maxPerPhonePerHour(); c++) {
            assertThat(issue(citizen(c), phone(1))).isInstanceOf(IssueOutcome.Issued.class);
        }
        assertThat(await(otp.verify(new VerifyRequest(PURPOSE, citizen(1), live.code()))).result())
                .isEqualTo(Result.APPROVED);
    }

    @Test
    void cooldownEndsExactlyAtResendAfter() {
        IssueOutcome.Issued first = issued(issue(citizen(1), phone(1)));
        clock.set(first.resendAfter().minusMillis(1));
        assertThat(issue(citizen(1), phone(1)))
                .isEqualTo(new IssueOutcome.RateLimited(RateLimit.RESEND_COOLDOWN, Duration.ofMillis(1)));
        clock.set(first.resendAfter());
        assertThat(issue(citizen(1), phone(1))).isInstanceOf(IssueOutcome.Issued.class);
    }

    @Test
    void sixthSendToOnePhoneWithinAnHourIsRefusedUntilTheFirstLeavesTheWindow() {
        Instant firstSend = clock.instant();
        for (int c = 1; c <= POLICY.maxPerPhonePerHour(); c++) {
            assertThat(issue(citizen(c), phone(1))).isInstanceOf(IssueOutcome.Issued.class);
            clock.advance(COOLDOWN.plusSeconds(1));
        }
        Duration expected = Duration.between(clock.instant(), firstSend.plus(Duration.ofHours(1)));

        assertThat(issue(citizen(99), phone(1)))
                .isEqualTo(new IssueOutcome.RateLimited(RateLimit.PHONE_HOURLY, expected));
        assertThat(sends(KEYS.phoneLimiter(PURPOSE, phone(1)))).isEqualTo(POLICY.maxPerPhonePerHour());
        assertThat(sends(KEYS.citizen(PURPOSE, citizen(99)).limiter())).isZero();
        assertThat(REDIS.commands().exists(KEYS.citizen(PURPOSE, citizen(99)).cooldown())).isZero();
        assertThat(REDIS.commands().exists(KEYS.citizen(PURPOSE, citizen(99)).record())).isZero();

        clock.advance(expected.minusMillis(1));
        assertThat(issue(citizen(99), phone(1))).isInstanceOf(IssueOutcome.RateLimited.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(issue(citizen(99), phone(1))).isInstanceOf(IssueOutcome.Issued.class);
    }

    @Test
    void limitsArePerPurpose() {
        for (int c = 1; c <= POLICY.maxPerPhonePerHour(); c++) {
            issued(issue(citizen(c), phone(1)));
        }
        assertThat(issue(citizen(99), phone(1))).isInstanceOf(IssueOutcome.RateLimited.class);
        assertThat(await(otp.issue(new IssueRequest(Purpose.REGISTER, citizen(99), phone(1)))))
                .isInstanceOf(IssueOutcome.Issued.class);
    }

    @Test
    void eleventhSendToOnePhoneWithinADayIsRefusedAsDaily() {
        Instant firstSend = clock.instant();
        int citizenNo = 1;
        for (int hour = 0; hour < 2; hour++) {
            for (int i = 0; i < POLICY.maxPerPhonePerHour(); i++) {
                issued(issue(citizen(citizenNo++), phone(1)));
            }
            clock.advance(Duration.ofHours(1));
        }
        Duration expected = Duration.between(clock.instant(), firstSend.plus(Duration.ofDays(1)));

        assertThat(issue(citizen(99), phone(1)))
                .isEqualTo(new IssueOutcome.RateLimited(RateLimit.PHONE_DAILY, expected));
        assertThat(issue(citizen(99), phone(2))).isInstanceOf(IssueOutcome.Issued.class);
        clock.advance(expected);
        assertThat(issue(citizen(98), phone(1))).isInstanceOf(IssueOutcome.Issued.class);
    }

    @Test
    void whenHourAndDayBothRefuseTheLongerWaitIsReported() {
        Instant firstSend = clock.instant();
        int citizenNo = 1;
        for (int i = 0; i < POLICY.maxPerPhonePerHour(); i++) {
            issued(issue(citizen(citizenNo++), phone(1)));
        }
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < POLICY.maxPerPhonePerHour(); i++) {
            issued(issue(citizen(citizenNo++), phone(1)));
        }
        IssueOutcome refused = issue(citizen(99), phone(1));
        assertThat(refused).isEqualTo(new IssueOutcome.RateLimited(RateLimit.PHONE_DAILY,
                Duration.between(clock.instant(), firstSend.plus(Duration.ofDays(1)))));
    }

    @Test
    void eleventhCodeForOneCitizenWithinADayIsRefusedAndCountsNoPhone() {
        Instant firstSend = clock.instant();
        for (int i = 1; i <= POLICY.maxPerCitizenPerDay(); i++) {
            issued(issue(citizen(1), phone(i)));
            clock.advance(COOLDOWN);
        }
        Duration expected = Duration.between(clock.instant(), firstSend.plus(Duration.ofDays(1)));

        assertThat(issue(citizen(1), phone(50)))
                .isEqualTo(new IssueOutcome.RateLimited(RateLimit.CITIZEN_DAILY, expected));
        assertThat(sends(KEYS.phoneLimiter(PURPOSE, phone(50)))).isZero();
        String cooldown = REDIS.commands().get(KEYS.citizen(PURPOSE, citizen(1)).cooldown());
        assertThat(cooldown == null || Long.parseLong(cooldown.split(":")[0]) <= clock.millis())
                .as("no live cooldown after the refusal: " + cooldown).isTrue();
        clock.advance(expected);
        assertThat(issue(citizen(1), phone(50))).isInstanceOf(IssueOutcome.Issued.class);
    }
}
