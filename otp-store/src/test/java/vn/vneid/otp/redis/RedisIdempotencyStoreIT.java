package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.otp.redis.OtpTestSupport.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.otp.IdempotencyClaim;
import vn.vneid.otp.IdempotencyStore;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.testing.RedisServerExtension;

class RedisIdempotencyStoreIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration TTL = Duration.ofHours(24);
    private static final String ANSWER = "{\"otpId\":\"otp_x\",\"status\":202}";

    private RedisConnections redis;
    private IdempotencyStore store;

    @BeforeEach
    void setUp() {
        redis = RedisConnections.open(REDIS.url(), Duration.ofSeconds(2));
        store = new RedisIdempotencyStore(redis.connection());
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    private IdempotencyClaim claim(String key, String fingerprint) {
        return await(store.claim("bank", key, fingerprint, TTL));
    }

    @Test
    void firstClaimWinsAndSecondIsInProgress() {
        assertThat(claim("k1", "fp-a")).isEqualTo(new IdempotencyClaim.Claimed());
        assertThat(claim("k1", "fp-a")).isEqualTo(new IdempotencyClaim.InProgress());
        assertThat(claim("k1", "fp-b")).isEqualTo(new IdempotencyClaim.Mismatch());
    }

    @Test
    void completedKeyReplaysTheStoredAnswer() {
        claim("k1", "fp-a");
        await(store.complete("bank", "k1", "fp-a", ANSWER, TTL));

        assertThat(claim("k1", "fp-a")).isEqualTo(new IdempotencyClaim.Replay(ANSWER));
        assertThat(claim("k1", "fp-b")).isEqualTo(new IdempotencyClaim.Mismatch());
    }

    @Test
    void answersWithSeparatorsReplayIntact() {
        claim("k1", "fp|a");
        await(store.complete("bank", "k1", "fp|a", "a|b|c", TTL));
        assertThat(claim("k1", "fp|a")).isEqualTo(new IdempotencyClaim.Replay("a|b|c"));
        assertThat(claim("k1", "fp")).isEqualTo(new IdempotencyClaim.Mismatch());
    }

    @Test
    void releasedKeyCanBeClaimedAgain() {
        claim("k1", "fp-a");
        await(store.release("bank", "k1"));
        assertThat(claim("k1", "fp-b")).isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    void keysAreSeparatePerClient() {
        claim("k1", "fp-a");
        assertThat(await(store.claim("other-client", "k1", "fp-a", TTL))).isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    void storedKeyIsHashedAndExpires() {
        claim("client-key-123", "fp-a");
        List<String> keys = REDIS.commands().keys("*");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).startsWith("idem:{bank:").doesNotContain("client-key-123");
        assertThat(REDIS.commands().pttl(keys.get(0))).isPositive().isLessThanOrEqualTo(TTL.toMillis());

        await(store.complete("bank", "client-key-123", "fp-a", ANSWER, Duration.ofMinutes(5)));
        assertThat(REDIS.commands().pttl(keys.get(0))).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void concurrentClaimsHaveOneWinner() {
        List<CompletionStage<IdempotencyClaim>> claims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            claims.add(store.claim("bank", "k1", "fp-a", TTL));
        }
        List<IdempotencyClaim> results = claims.stream().map(OtpTestSupport::await).toList();
        assertThat(results).filteredOn(IdempotencyClaim.Claimed.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(IdempotencyClaim.InProgress.class::isInstance).hasSize(19);
    }
}
