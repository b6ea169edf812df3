package vn.vneid.gateway.notices.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.LaneFullException;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.gateway.notices.lanes.RedisNoticeLanes.LaneRead;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.Msisdn;

/** The durable lanes on a real Redis: nothing read is lost until settled, retries wait their turn, dead readers are replaced. */
class RedisNoticeLanesIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisNoticeLanes lanes;

    @BeforeEach
    void connect() {
        client = RedisClient.create(redis.url());
        connection = client.connect();
        lanes = new RedisNoticeLanes(connection.async(), 3, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void aReadMessageStaysUntilSettled() {
        LaneMessage m = message("msg_1", Category.TRANSACTIONAL, Optional.empty());
        join(lanes.enqueue(m));
        List<LaneRead> read = join(lanes.read(LaneKeys.TRANSACTIONAL, "a", 10));
        assertThat(read).singleElement().satisfies(r -> assertThat(r.message()).isEqualTo(m));
        assertThat(join(lanes.read(LaneKeys.TRANSACTIONAL, "b", 10))).as("not delivered twice").isEmpty();
        assertThat(join(lanes.depth(LaneKeys.TRANSACTIONAL))).as("still there while in flight").isEqualTo(1);
        join(lanes.settle(read.get(0)));
        assertThat(join(lanes.depth(LaneKeys.TRANSACTIONAL))).isZero();
    }

    @Test
    void aLaneSurvivesRedisLosingItsConsumerGroup() {
        join(lanes.enqueue(message("msg_before", Category.TRANSACTIONAL, Optional.empty())));
        assertThat(join(lanes.read(LaneKeys.TRANSACTIONAL, "a", 10))).hasSize(1);
        redis.commands().flushall(); // as a Redis restarted without persistence
        join(lanes.enqueue(message("msg_after", Category.TRANSACTIONAL, Optional.empty())));
        assertThat(join(lanes.read(LaneKeys.TRANSACTIONAL, "a", 10))).extracting(r -> r.message().messageId())
                .containsExactly("msg_after");
    }

    @Test
    void theTransactionalLaneRefusesPastItsCap() {
        for (int i = 0; i < 3; i++) {
            join(lanes.enqueue(message("msg_" + i, Category.TRANSACTIONAL, Optional.empty())));
        }
        assertThatThrownBy(() -> join(lanes.enqueue(message("msg_4", Category.TRANSACTIONAL, Optional.empty()))))
                .hasCauseInstanceOf(LaneFullException.class);
        join(lanes.enqueue(message("msg_5", Category.BULK, Optional.empty())));
        assertThat(join(lanes.depth(LaneKeys.campaign(NoticeLanes.ADHOC)))).as("each lane has its own cap").isEqualTo(1);
        join(lanes.enqueueCampaign("cmp_big", List.of(message("msg_6", Category.BULK, Optional.of("cmp_big")),
                message("msg_7", Category.BULK, Optional.of("cmp_big")), message("msg_8", Category.BULK, Optional.of("cmp_big")),
                message("msg_9", Category.BULK, Optional.of("cmp_big")))));
        assertThat(join(lanes.depth(LaneKeys.campaign("cmp_big")))).as("campaign lanes have no cap").isEqualTo(4);
    }

    @Test
    void aRetryWaitsUntilItIsDueAndKeepsItsAttemptCount() {
        LaneMessage m = message("msg_r", Category.TRANSACTIONAL, Optional.empty()).nextAttempt();
        join(lanes.enqueueAt(m, NOW.plusSeconds(30)));
        assertThat(join(lanes.moveDue(LaneKeys.TRANSACTIONAL, NOW.plusSeconds(29), 100))).isZero();
        assertThat(join(lanes.read(LaneKeys.TRANSACTIONAL, "a", 10))).isEmpty();
        assertThat(join(lanes.moveDue(LaneKeys.TRANSACTIONAL, NOW.plusSeconds(30), 100))).isEqualTo(1);
        assertThat(join(lanes.read(LaneKeys.TRANSACTIONAL, "a", 10))).singleElement()
                .satisfies(r -> assertThat(r.message().attempt()).isEqualTo(1));
    }

    @Test
    void whatADeadReaderHeldIsReclaimedByAnother() throws Exception {
        List<LaneMessage> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(message("msg_c" + i, Category.BULK, Optional.of("cmp_1")));
        }
        join(lanes.enqueueCampaign("cmp_1", batch));
        assertThat(join(lanes.read(LaneKeys.campaign("cmp_1"), "dead-instance", 10))).hasSize(5);
        assertThat(join(lanes.reclaim(LaneKeys.campaign("cmp_1"), "survivor", Duration.ofSeconds(30), 10)))
                .as("not yet idle long enough").isEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        // Redis before 7.2 stamps each entry's delivery time on its own, so the entries can cross the idle threshold
        // a millisecond apart and one poll may take only some of them: collect until all are taken.
        List<LaneRead> taken = new ArrayList<>();
        while (taken.size() < batch.size() && System.nanoTime() < deadline) {
            taken.addAll(join(lanes.reclaim(LaneKeys.campaign("cmp_1"), "survivor", Duration.ofMillis(50), 10)));
        }
        assertThat(taken).extracting(r -> r.message().messageId())
                .containsExactlyElementsOf(batch.stream().map(LaneMessage::messageId).toList());
    }

    @Test
    void droppingACampaignEmptiesItsLaneAndCountsWhatWasThere() {
        join(lanes.enqueueCampaign("cmp_2", List.of(message("msg_d1", Category.BULK, Optional.of("cmp_2")),
                message("msg_d2", Category.BULK, Optional.of("cmp_2")))));
        join(lanes.enqueueAt(message("msg_d3", Category.BULK, Optional.of("cmp_2")), NOW.plusSeconds(60)));
        assertThat(join(lanes.dropCampaign("cmp_2"))).isEqualTo(3);
        assertThat(join(lanes.depth(LaneKeys.campaign("cmp_2")))).isZero();
    }

    @Test
    void theOldestEntrysAgeComesFromItsId() {
        join(lanes.enqueue(message("msg_o", Category.TRANSACTIONAL, Optional.empty())));
        Duration age = join(lanes.oldestAge(LaneKeys.TRANSACTIONAL, Instant.now().plusSeconds(10)));
        assertThat(age).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    }

    private static LaneMessage message(String id, Category category, Optional<String> campaign) {
        return new LaneMessage(id, "registry", Msisdn.parse("0912345678"), "Thong bao " + id, false, category,
                NOW.plus(Duration.ofHours(48)), campaign, Optional.empty(), "req_1", 0);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e;
        }
    }
}
