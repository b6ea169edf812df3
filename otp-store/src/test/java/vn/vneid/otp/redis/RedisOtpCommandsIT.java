package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.otp.redis.OtpTestSupport.HASHER;
import static vn.vneid.otp.redis.OtpTestSupport.await;
import static vn.vneid.otp.redis.OtpTestSupport.citizen;
import static vn.vneid.otp.redis.OtpTestSupport.issued;
import static vn.vneid.otp.redis.OtpTestSupport.phone;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.otp.CodeGenerator;
import vn.vneid.otp.IssueOutcome;
import vn.vneid.otp.IssueRequest;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.Purpose;
import vn.vneid.otp.VerifyOutcome.Result;
import vn.vneid.otp.VerifyRequest;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.testing.RedisCommandCounter;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * What an issue and a verify cost Redis, counted by Redis itself ({@code MONITOR}, through
 * {@link RedisCommandCounter}): an issue is two scripts (sent together, one round trip), a verify one; a refusal adds
 * one command to give back what the other side took. Scripts are loaded by a first call before counting, as in a
 * running gateway.
 */
class RedisOtpCommandsIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    private static final Purpose PURPOSE = Purpose.ACTIVATE;
    private static final int N = 50;

    private final MutableClock clock = MutableClock.startingAt2025();
    private RedisConnections redis;
    private RedisOtpService otp;
    private RedisCommandCounter counter;

    @BeforeEach
    void setUp() {
        redis = RedisConnections.open(REDIS.url(), Duration.ofSeconds(2));
        otp = new RedisOtpService(redis.connection(), OtpPolicies.defaults(), HASHER, new CodeGenerator(), clock);
        String code = issued(await(otp.issue(new IssueRequest(PURPOSE, citizen(9999), phone(9999))))).code();
        await(otp.verify(new VerifyRequest(PURPOSE, citizen(9999), code)));
        counter = RedisCommandCounter.start(REDIS.port());
    }

    @AfterEach
    void tearDown() {
        counter.close();
        redis.close();
    }

    @Test
    void anIssueIsTwoScriptsAndAVerifyIsOne() {
        String[] codes = new String[N];
        for (int i = 0; i < N; i++) {
            codes[i] = issued(await(otp.issue(new IssueRequest(PURPOSE, citizen(i), phone(i))))).code();
        }
        counter.settle();
        assertThat(counter.clientCommands()).isEqualTo(Map.of("evalsha", 2L * N));

        counter.reset();
        for (int i = 0; i < N; i++) {
            assertThat(await(otp.verify(new VerifyRequest(PURPOSE, citizen(i), codes[i]))).result())
                    .isEqualTo(Result.APPROVED);
        }
        counter.settle();
        assertThat(counter.clientCommands()).isEqualTo(Map.of("evalsha", (long) N));
    }

    @Test
    void aRefusedIssueAddsOneCommandToGiveBackWhatItTook() {
        issued(await(otp.issue(new IssueRequest(PURPOSE, citizen(1), phone(1)))));
        counter.reset();

        for (int i = 0; i < N; i++) {
            assertThat(await(otp.issue(new IssueRequest(PURPOSE, citizen(1), phone(2)))))
                    .isInstanceOf(IssueOutcome.RateLimited.class);
        }
        counter.settle();
        assertThat(counter.clientCommands()).isEqualTo(Map.of("evalsha", 2L * N, "zrem", (long) N));
    }
}
