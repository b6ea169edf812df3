package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static vn.vneid.otp.redis.OtpTestSupport.HASHER;
import static vn.vneid.otp.redis.OtpTestSupport.KEYS;
import static vn.vneid.otp.redis.OtpTestSupport.await;
import static vn.vneid.otp.redis.OtpTestSupport.citizen;
import static vn.vneid.otp.redis.OtpTestSupport.issued;
import static vn.vneid.otp.redis.OtpTestSupport.phone;
import static vn.vneid.otp.redis.OtpTestSupport.wrong;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.otp.CodeGenerator;
import vn.vneid.otp.IssueOutcome;
import vn.vneid.otp.IssueRequest;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.OtpPolicy;
import vn.vneid.otp.OtpService;
import vn.vneid.otp.Purpose;
import vn.vneid.otp.VerifyOutcome.Result;
import vn.vneid.otp.VerifyOutcome;
import vn.vneid.otp.VerifyRequest;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.testing.RedisServerExtension;

class RedisOtpServiceIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Purpose PURPOSE = Purpose.ACTIVATE;
    private static final String CITIZEN = citizen(1);
    private static final String PHONE = phone(1);
    private static final OtpPolicy POLICY = OtpPolicy.DEFAULT;

    private final MutableClock clock = MutableClock.startingAt2025();
    private final List<RedisConnections> connections = new ArrayList<>();
    private OtpService otp;

    @BeforeEach
    void setUp() {
        otp = newService();
    }

    @AfterEach
    void tearDown() {
        connections.forEach(RedisConnections::close);
    }

    private OtpService newService() {
        RedisConnections redis = RedisConnections.open(REDIS.url(), Duration.ofSeconds(2));
        connections.add(redis);
        return new RedisOtpService(redis.connection(), OtpPolicies.defaults(), HASHER, new CodeGenerator(), clock);
    }

    private IssueOutcome.Issued issue() {
        return issued(await(otp.issue(new IssueRequest(PURPOSE, CITIZEN, PHONE))));
    }

    private VerifyOutcome verify(String code) {
        return await(otp.verify(new VerifyRequest(PURPOSE, CITIZEN, code)));
    }

    @Test
    void rightCodeIsApprovedOnceThenNotFound() {
        IssueOutcome.Issued issued = issue();
        assertThat(issued.otpId()).startsWith("otp_");
        assertThat(issued.code()).hasSize(POLICY.codeLength()).containsOnlyDigits();
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(POLICY.ttl()));
        assertThat(issued.resendAfter()).isEqualTo(clock.instant().plus(POLICY.resendCooldown()));

        assertThat(verify(issued.code()).result()).isEqualTo(Result.APPROVED);
        assertThat(verify(issued.code()).result()).isEqualTo(Result.NOT_FOUND);
    }

    @Test
    void verifyWithoutIssueIsNotFound() {
        assertThat(verify("123456").result()).isEqualTo(Result.NOT_FOUND);
    }

    @Test
    void wrongCodesCountDownThenKillTheCode() {
        IssueOutcome.Issued issued = issue();
        String bad = wrong(issued.code());
        List<Integer> left = new ArrayList<>();
        for (int i = 1; i < POLICY.maxAttempts(); i++) {
            VerifyOutcome outcome = verify(bad);
            assertThat(outcome.result()).isEqualTo(Result.WRONG_CODE);
            left.add(outcome.attemptsLeft());
        }
        assertThat(left).containsExactly(4, 3, 2, 1);
        assertThat(verify(bad)).isEqualTo(new VerifyOutcome(Result.ATTEMPTS_EXHAUSTED, 0));
        assertThat(verify(issued.code()).result()).isEqualTo(Result.ATTEMPTS_EXHAUSTED);
    }

    @Test
    void verifyAfterTtlReturnsExpired() {
        IssueOutcome.Issued issued = issue();
        long pttl = REDIS.commands().pttl(KEYS.citizen(PURPOSE, CITIZEN).record());
        assertThat(pttl).isPositive().isLessThanOrEqualTo(POLICY.ttl().toMillis());

        clock.advance(POLICY.ttl().minusMillis(1));
        assertThat(verify(wrong(issued.code())).result()).isEqualTo(Result.WRONG_CODE);
        clock.advance(Duration.ofMillis(1));
        assertThat(verify(issued.code()).result()).isEqualTo(Result.EXPIRED);
    }

    @Test
    void newIssueAfterCooldownInvalidatesTheOldCode() {
        IssueOutcome.Issued first = issue();
        clock.advance(POLICY.resendCooldown());
        IssueOutcome.Issued second = issue();
        assertThat(second.otpId()).isNotEqualTo(first.otpId());
        assumeThat(second.code()).as("one in a million: same code twice").isNotEqualTo(first.code());

        VerifyOutcome old = verify(first.code());
        assertThat(old.result()).isEqualTo(Result.WRONG_CODE);
        assertThat(old.attemptsLeft()).isEqualTo(POLICY.maxAttempts() - 1);
        assertThat(verify(second.code()).result()).isEqualTo(Result.APPROVED);
    }

    @Test
    void redisHoldsOnlyTheHashOfTheCode() {
        IssueOutcome.Issued issued = issue();
        Map<String, String> record = REDIS.commands().hgetall(KEYS.citizen(PURPOSE, CITIZEN).record());

        assertThat(record).containsEntry("id", issued.otpId())
                .containsEntry("h", HASHER.hash(PURPOSE, CITIZEN, issued.code()))
                .doesNotContainKey("ph")
                .containsEntry("pfx", PHONE.substring(0, 4))
                .containsEntry("att", "0")
                .containsEntry("max", Integer.toString(POLICY.maxAttempts()))
                .containsEntry("dead", "0")
                .containsEntry("exp", Long.toString(issued.expiresAt().toEpochMilli()));
        assertThat(record.values()).doesNotContain(issued.code());
        for (String key : REDIS.commands().keys("*")) {
            assertThat(key).isNotEqualTo(issued.code());
            if ("string".equals(REDIS.commands().type(key))) {
                assertThat(REDIS.commands().get(key)).isNotEqualTo(issued.code());
            }
        }
    }

    @Test
    void noKeyOrValueHoldsTheCitizenIdOrThePhoneNumber() {
        issue();
        clock.advance(POLICY.resendCooldown());
        issue(); // the replaced record is kept aside too

        List<String> keys = REDIS.commands().keys("*");
        assertThat(keys).hasSizeGreaterThanOrEqualTo(5);
        for (String key : keys) {
            assertThat(key).doesNotContain(CITIZEN).doesNotContain(PHONE).doesNotContain(PHONE.substring(2));
            String dump = switch (REDIS.commands().type(key)) {
                case "hash" -> REDIS.commands().hgetall(key).toString();
                case "zset" -> REDIS.commands().zrange(key, 0, -1).toString();
                default -> String.valueOf(REDIS.commands().get(key));
            };
            assertThat(dump).as(key).doesNotContain(CITIZEN).doesNotContain(PHONE.substring(2));
        }
    }

    @Test
    void approvedCodeNamesTheNumberPrefixItWasSentTo() {
        IssueOutcome.Issued issued = issued(await(otp.issue(new IssueRequest(PURPOSE, CITIZEN, "84961234567"))));

        VerifyOutcome approved = verify(issued.code());

        assertThat(approved.result()).isEqualTo(Result.APPROVED);
        assertThat(approved.prefix()).isEqualTo("8496");
    }

    @Test
    void onlyAnApprovedCodeNamesItsPrefix() {
        IssueOutcome.Issued issued = issue();
        assertThat(verify(wrong(issued.code()))).isEqualTo(new VerifyOutcome(Result.WRONG_CODE, 4, ""));
        clock.advance(POLICY.ttl());
        assertThat(verify(issued.code())).isEqualTo(new VerifyOutcome(Result.EXPIRED, 0, ""));
        assertThat(await(otp.verify(new VerifyRequest(PURPOSE, citizen(2), "123456"))))
                .isEqualTo(new VerifyOutcome(Result.NOT_FOUND, 0, ""));
    }

    @Test
    void codeStoredBeforePrefixesWereRecordedStillVerifies() {
        IssueOutcome.Issued issued = issue();
        REDIS.commands().hdel(KEYS.citizen(PURPOSE, CITIZEN).record(), "pfx"); // as written by the previous release

        assertThat(verify(issued.code())).isEqualTo(new VerifyOutcome(Result.APPROVED, 0, ""));
    }

    @Test
    void concurrentVerifiesOfTheRightCodeApproveExactlyOnce() throws Exception {
        IssueOutcome.Issued issued = issue();
        List<Result> results = concurrently(20, issued.code());

        assertThat(results).filteredOn(r -> r == Result.APPROVED).hasSize(1);
        assertThat(results).filteredOn(r -> r != Result.APPROVED).containsOnly(Result.NOT_FOUND);
    }

    @Test
    void concurrentWrongVerifiesNeverExceedMaxAttempts() throws Exception {
        IssueOutcome.Issued issued = issue();
        List<Result> results = concurrently(20, wrong(issued.code()));

        assertThat(results).filteredOn(r -> r == Result.WRONG_CODE).hasSize(POLICY.maxAttempts() - 1);
        assertThat(results).filteredOn(r -> r != Result.WRONG_CODE).containsOnly(Result.ATTEMPTS_EXHAUSTED);
        assertThat(REDIS.commands().hget(KEYS.citizen(PURPOSE, CITIZEN).record(), "att"))
                .isEqualTo(Integer.toString(POLICY.maxAttempts()));
        assertThat(verify(issued.code()).result()).isEqualTo(Result.ATTEMPTS_EXHAUSTED);
    }

    /** {@code count} verifies of {@code code}, fired at once from 4 threads over 4 connections. */
    private List<Result> concurrently(int count, String code) throws Exception {
        List<OtpService> services = List.of(otp, newService(), newService(), newService());
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<CompletableFuture<VerifyOutcome>>>> fired = new ArrayList<>();
            for (OtpService service : services) {
                fired.add(pool.submit(() -> {
                    go.await();
                    List<CompletableFuture<VerifyOutcome>> mine = new ArrayList<>();
                    for (int i = 0; i < count / services.size(); i++) {
                        mine.add(service.verify(new VerifyRequest(PURPOSE, CITIZEN, code)).toCompletableFuture());
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<Result> results = new ArrayList<>();
            for (Future<List<CompletableFuture<VerifyOutcome>>> f : fired) {
                for (CompletableFuture<VerifyOutcome> outcome : f.get()) {
                    results.add(await(outcome).result());
                }
            }
            assertThat(results).hasSize(count);
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
