package vn.vneid.gateway.pumping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.testing.RedisServerExtension;

/** The shared holds on a real Redis, as two instances see them. */
class RedisPrefixHoldsIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final NumberPrefix RANGE = new NumberPrefix("8486");
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final Evidence PUMPED = new Evidence(300, 2, 12.5);
    private RedisConnections connections;
    private RedisPrefixHolds one;
    private RedisPrefixHolds other;

    @BeforeEach
    void connect() {
        connections = RedisConnections.open(redis.url(), Duration.ofSeconds(2));
        one = new RedisPrefixHolds(connections.connection().async());
        other = new RedisPrefixHolds(connections.additional().async());
    }

    @AfterEach
    void close() {
        connections.close();
    }

    @Test
    void theFirstInstanceToDetectAPrefixStartsItsHoldAndTheOthersKeepIt() {
        PrefixHold first = PrefixHold.detected(RANGE, NOW, Duration.ofMinutes(30), PUMPED);
        PrefixHold second = PrefixHold.detected(RANGE, NOW.plusSeconds(5), Duration.ofMinutes(30), PUMPED);

        assertThat(await(one.put(first, NOW, true))).isEqualTo(new RedisPrefixHolds.Put(first, true));
        assertThat(await(other.put(second, NOW.plusSeconds(5), true))).as("kept, not replaced")
                .isEqualTo(new RedisPrefixHolds.Put(first, false));
        assertThat(await(other.read(NOW.plusSeconds(5))).live()).containsExactly(first);
        assertThat(redis.commands().pttl(RedisPrefixHolds.KEY)).isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    }

    @Test
    void anOperatorsHoldReplacesALiveOne() {
        await(one.put(PrefixHold.detected(RANGE, NOW, Duration.ofMinutes(30), PUMPED), NOW, true));
        PrefixHold manual = PrefixHold.manual(RANGE, NOW, Duration.ofHours(24), "ops");

        assertThat(await(other.put(manual, NOW, false))).isEqualTo(new RedisPrefixHolds.Put(manual, true));
        assertThat(await(one.read(NOW)).live()).containsExactly(manual);
        assertThat(redis.commands().pttl(RedisPrefixHolds.KEY)).isGreaterThan(Duration.ofMinutes(30).toMillis());
    }

    @Test
    void aHoldThatIsOverEndsForExactlyOneReader() {
        PrefixHold hold = PrefixHold.detected(RANGE, NOW, Duration.ofMinutes(30), PUMPED);
        await(one.put(hold, NOW, true));
        Instant over = NOW.plus(Duration.ofMinutes(30));

        RedisPrefixHolds.Read first = await(one.read(over));
        RedisPrefixHolds.Read second = await(other.read(over));

        assertThat(first.live()).isEmpty();
        assertThat(first.ended()).containsExactly(hold);
        assertThat(second.ended()).as("already removed").isEmpty();
        assertThat(await(other.put(PrefixHold.detected(RANGE, over, Duration.ofMinutes(30), PUMPED), over, true))
                .stored()).as("a new hold may start once the old one is over").isTrue();
    }

    @Test
    void releaseReturnsOnlyALiveHold() {
        PrefixHold hold = PrefixHold.manual(RANGE, NOW, Duration.ofMinutes(10), "ops");
        await(one.put(hold, NOW, false));

        assertThat(await(other.release(RANGE, NOW.plusSeconds(1)))).contains(hold);
        assertThat(await(other.release(RANGE, NOW.plusSeconds(2)))).isEmpty();
        await(one.put(hold, NOW, false));
        assertThat(await(other.release(RANGE, NOW.plus(Duration.ofMinutes(10))))).as("over already").isEmpty();
        assertThat(redis.commands().hlen(RedisPrefixHolds.KEY)).isZero();
    }

    @Test
    void entriesThatAreNotHoldsAreDroppedNotFatal() {
        redis.commands().hset(RedisPrefixHolds.KEY, "8486", "not json");
        redis.commands().hset(RedisPrefixHolds.KEY, "phone", "{\"untilMs\": 99999999999999}");
        PrefixHold hold = PrefixHold.manual(new NumberPrefix("8491"), NOW, Duration.ofMinutes(10), "ops");
        await(one.put(hold, NOW, false));

        RedisPrefixHolds.Read read = await(one.read(NOW));

        assertThat(read.live()).containsExactly(hold);
        assertThat(redis.commands().hkeys(RedisPrefixHolds.KEY)).containsExactlyInAnyOrder("8491", "phone");
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage did not complete normally", e);
        }
    }
}
