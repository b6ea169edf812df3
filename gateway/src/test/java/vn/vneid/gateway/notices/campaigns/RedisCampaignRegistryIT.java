package vn.vneid.gateway.notices.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.notices.CampaignRegistry.ActiveCampaign;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.QuietHours;
import vn.vneid.gateway.notices.status.MessageIds;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.Msisdn;

/** The dispatcher's view of campaigns on a real Redis, with a clock the test moves. */
class RedisCampaignRegistryIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final Instant T0 = Instant.parse("2026-03-02T03:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private Vertx vertx;
    private RedisCampaignStore store;
    private RedisStreamLanes lanes;
    private RedisCampaignRegistry registry;

    @BeforeEach
    void connect() {
        client = RedisClient.create(redis.url());
        connection = client.connect();
        vertx = Vertx.vertx();
        store = new RedisCampaignStore(connection.async(), clock);
        lanes = new RedisStreamLanes(connection.async(), vertx);
        registry = new RedisCampaignRegistry(store, lanes, clock);
    }

    @AfterEach
    void close() {
        vertx.close();
        connection.close();
        client.shutdown();
    }

    @Test
    void runningListsOnlyRunningCampaignsInsideTheirWindow() {
        QuietHours quiet = new QuietHours(LocalTime.of(21, 0), LocalTime.of(6, 30), ZoneId.of("Asia/Ho_Chi_Minh"));
        String always = create(Optional.empty(), quiet, 25);
        String windowed = create(Optional.of(new CampaignWindow(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)))),
                QuietHours.DEFAULT, 10);
        String draft = create(Optional.empty(), QuietHours.DEFAULT, 10);
        String paused = create(Optional.empty(), QuietHours.DEFAULT, 10);
        move(always, CampaignAction.START);
        move(windowed, CampaignAction.START);
        move(paused, CampaignAction.START);
        move(paused, CampaignAction.PAUSE);

        assertThat(running()).containsExactly(new ActiveCampaign(always, 25, quiet));
        clock.advance(Duration.ofHours(1));
        assertThat(running()).extracting(ActiveCampaign::id).containsExactlyInAnyOrder(always, windowed);
        clock.advance(Duration.ofMinutes(59));
        assertThat(running()).extracting(ActiveCampaign::id).containsExactlyInAnyOrder(always, windowed);
        clock.advance(Duration.ofMinutes(1));
        assertThat(running()).as("the window's end is exclusive").extracting(ActiveCampaign::id).containsExactly(always);
        assertThat(running()).extracting(ActiveCampaign::id).doesNotContain(draft, paused);
    }

    @Test
    void countAddsToTheCampaignsTotals() {
        String id = create(Optional.empty(), QuietHours.DEFAULT, 10);
        registry.count(id, "submitted", 3).toCompletableFuture().join();
        registry.count(id, "opted_out", 2).toCompletableFuture().join();
        registry.count(id, "submitted", 1).toCompletableFuture().join();
        Map<String, String> hash = redis.commands().hgetall(RedisCampaignStore.key(id));
        assertThat(hash).containsEntry("submitted", "4").containsEntry("opted_out", "2");
        assertThat(registry.count(id, "bogus", 1).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void completeIfDoneWaitsForEveryQueuedRecipientToSettleAndTheLaneToEmpty() {
        String id = create(Optional.empty(), QuietHours.DEFAULT, 10);
        store.reserve(id, 4, 0, 4).toCompletableFuture().join();
        lanes.enqueueCampaign(id, List.of(message(id, 1))).toCompletableFuture().join();
        move(id, CampaignAction.START);

        registry.count(id, "submitted", 2).toCompletableFuture().join();
        assertThat(completeIfDone(id)).as("2 of 4 settled").isFalse();
        registry.count(id, "failed", 1).toCompletableFuture().join();
        registry.count(id, "expired", 1).toCompletableFuture().join();
        assertThat(completeIfDone(id)).as("settled, but the lane still holds one").isFalse();

        redis.commands().del(RedisStreamLanes.stream(Campaign.lane(id)));
        move(id, CampaignAction.PAUSE);
        assertThat(completeIfDone(id)).as("paused campaigns are not completed").isFalse();
        move(id, CampaignAction.RESUME);
        assertThat(completeIfDone(id)).isTrue();
        assertThat(store.state(id).toCompletableFuture().join()).contains(CampaignState.COMPLETED);
        assertThat(redis.commands().smembers(RedisCampaignStore.RUNNING)).isEmpty();
        assertThat(completeIfDone(id)).as("only once").isFalse();
        assertThat(store.reserve(id, 1, 0, 1).toCompletableFuture().join()).contains(CampaignState.COMPLETED);
        assertThat(redis.commands().hget(RedisCampaignStore.key(id), "queued")).as("a closed campaign counts nothing more")
                .isEqualTo("4");
    }

    @Test
    void aCampaignWithNothingQueuedCompletesOnceStarted() {
        String id = create(Optional.empty(), QuietHours.DEFAULT, 10);
        assertThat(completeIfDone(id)).as("a draft").isFalse();
        move(id, CampaignAction.START);
        assertThat(completeIfDone(id)).isTrue();
    }

    private boolean completeIfDone(String id) {
        return registry.completeIfDone(id).toCompletableFuture().join();
    }

    private List<ActiveCampaign> running() {
        return registry.running().toCompletableFuture().join();
    }

    private void move(String id, CampaignAction action) {
        assertThat(store.transition(id, action).toCompletableFuture().join().applied()).as(action.name()).isTrue();
    }

    private String create(Optional<CampaignWindow> window, QuietHours quiet, double maxRate) {
        Campaign c = new Campaign(Campaign.newId(), "tax", "n", "greeting", "vi", Category.BULK, true, window,
                maxRate, quiet, Campaign.DEFAULT_VALID_FOR, CampaignState.DRAFT, clock.instant(),
                new CampaignTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        store.create(c).toCompletableFuture().join();
        return c.id();
    }

    private static LaneMessage message(String campaignId, int n) {
        return new LaneMessage(MessageIds.next(), "tax", Msisdn.parse(String.format("091%07d", n)), "hi", true,
                Category.BULK, T0.plus(Duration.ofHours(48)), Optional.of(campaignId), Optional.empty(), "req_t", 0);
    }
}
