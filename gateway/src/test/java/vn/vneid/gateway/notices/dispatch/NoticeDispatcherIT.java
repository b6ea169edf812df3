package vn.vneid.gateway.notices.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.notices.CampaignRegistry;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.QuietHours;
import vn.vneid.gateway.notices.lanes.LaneKeys;
import vn.vneid.gateway.notices.lanes.RedisNoticeLanes;
import vn.vneid.gateway.notices.status.RedisMessageStatusStore;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.session.JsmppCarrier;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;
import vn.vneid.smpp.simulator.SmscSimulatorBuilder;

/** The dispatcher on real parts: Redis lanes, a jSMPP carrier, the SMSC simulator. Time of day comes from a clock the test moves. */
class NoticeDispatcherIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    /** 10:00 in Hanoi: outside quiet hours. */
    private static final Instant DAY = Instant.parse("2026-03-02T03:00:00Z");
    private final MutableClock clock = new MutableClock(DAY);
    private final Vertx vertx = Vertx.vertx();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final FakeCampaigns campaigns = new FakeCampaigns();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SmscSimulator smsc;
    private JsmppCarrier carrier;
    private RedisNoticeLanes lanes;
    private RedisMessageStatusStore statuses;

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private NoticeDispatcher start(SmscSimulatorBuilder simulator, int window, DispatchConfig config, String consumer)
            throws Exception {
        connect(simulator, window);
        return dispatcher(config, consumer);
    }

    private void connect(SmscSimulatorBuilder simulator, int window) throws Exception {
        if (smsc == null) {
            smsc = simulator.start();
            closing.add(smsc);
            carrier = new JsmppCarrier(CarrierUrl.parse("viettel", "smpp://vneid:secret@127.0.0.1:" + smsc.port()
                    + "?window=" + window + "&tps=100000"), ReceiptListener.IGNORE, new SimpleMeterRegistry(), clock);
            carrier.start();
            closing.add(carrier);
            carrier.awaitBound().get(10, TimeUnit.SECONDS);
            RedisClient client = RedisClient.create(redis.url());
            StatefulRedisConnection<String, String> connection = client.connect();
            closing.add(client::shutdown);
            closing.add(connection);
            lanes = new RedisNoticeLanes(connection.async(), 1_000_000, Duration.ofSeconds(5));
            statuses = new RedisMessageStatusStore(connection.async(), Duration.ofDays(1), Duration.ofHours(1));
        }
    }

    private NoticeDispatcher dispatcher(DispatchConfig config, String consumer) {
        return dispatcher(config, consumer, new OtpGuard(config.maxInFlight(), config.otpLatencyTarget()));
    }

    private NoticeDispatcher dispatcher(DispatchConfig config, String consumer, OtpGuard guard) {
        NoticeDispatcher d = new NoticeDispatcher(vertx, lanes, carrier, statuses, campaigns,
                (phone, category) -> CompletableFuture.completedFuture(phone.international().endsWith("999")),
                clock, config, guard, consumer, registry);
        d.start();
        closing.add(d);
        return d;
    }

    private static DispatchConfig config(int maxInFlight, Duration reclaimIdle) {
        return new DispatchConfig(maxInFlight, 0.8, 3, Duration.ofMillis(50), reclaimIdle, Duration.ofMillis(5),
                1_000_000, QuietHours.DEFAULT, Duration.ZERO);
    }

    @Test
    void anOtpPassesABulkBacklogQueuedBeforeIt() throws Exception {
        start(SmscSimulator.builder().submitLatency(Duration.ofMillis(2)), 2, config(8, Duration.ofMinutes(1)), "a");
        List<LaneMessage> bulk = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            bulk.add(notice(String.format("msg_b%04d", i), String.format("0961%06d", i), Category.BULK, Optional.empty()));
        }
        bulk.forEach(m -> lanes.enqueue(m).toCompletableFuture().join());
        awaitTrue(() -> smsc.messages().size() >= 20);

        int before = smsc.messages().size();
        carrier.submit(new OutboundSms("msg_otp", Msisdn.parse("0912000001"), "VNeID: Ma kich hoat 123456", DAY.plusSeconds(300), true))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<ReceivedSms> order = smsc.messages();
        int otpAt = indexOf(order, "84912000001");
        assertThat(otpAt).as("OTP position %d, %d bulk had arrived when it was issued", otpAt, before)
                .isLessThanOrEqualTo(before + 8 + 2);
        awaitTrue(() -> smsc.messages().size() == 401);
        assertThat(otpAt).as("bulk queued before the OTP still arrived after it").isLessThan(300);
    }

    @Test
    void noticesGiveWayWhileOtpsAreSlowAndTakeTheirBudgetBackAfter() throws Exception {
        connect(SmscSimulator.builder().submitLatency(Duration.ofMillis(20)), 64);
        OtpGuard guard = new OtpGuard(64, Duration.ofMillis(25));
        for (int window = 0; window < 2; window++) { // two windows in which an OTP took 200 ms: 64 -> 32 -> 16
            guard.record(Duration.ofMillis(200));
            guard.adjust();
        }
        assertThat(guard.budget()).isEqualTo(16);
        dispatcher(config(64, Duration.ofMinutes(1)), "a", guard);
        for (int i = 0; i < 400; i++) {
            lanes.enqueue(notice("msg_g" + i, String.format("0962%06d", i), Category.TRANSACTIONAL, Optional.empty()));
        }
        awaitTrue(() -> smsc.receivedCount() >= 100);
        assertThat(smsc.maxConcurrentSubmits()).as("notices at the SMSC at once while OTPs are slow").isLessThanOrEqualTo(16);

        for (int window = 0; window < 48; window++) { // OTPs fast again: +1 a window, back to 64
            guard.adjust();
        }
        assertThat(guard.budget()).isEqualTo(64);
        awaitTrue(() -> smsc.receivedCount() == 400);
        assertThat(smsc.maxConcurrentSubmits()).as("once OTPs are fast, the full budget is used").isGreaterThan(16);
    }

    @Test
    void bulkWaitsOutQuietHoursWhileTransactionalGoes() throws Exception {
        clock.set(Instant.parse("2026-03-02T16:00:00Z")); // 23:00 in Hanoi
        NoticeDispatcher d = start(SmscSimulator.builder(), 4, config(16, Duration.ofMinutes(1)), "a");
        lanes.enqueue(notice("msg_bulk", "0961000001", Category.BULK, Optional.empty())).toCompletableFuture().join();
        lanes.enqueue(notice("msg_tx", "0961000002", Category.TRANSACTIONAL, Optional.empty())).toCompletableFuture().join();
        awaitTrue(() -> smsc.messagesTo("84961000002").size() == 1);
        long seen = d.rounds();
        awaitTrue(() -> d.rounds() >= seen + 20);
        assertThat(smsc.messagesTo("84961000001")).as("bulk during quiet hours").isEmpty();

        clock.set(Instant.parse("2026-03-03T00:00:01Z")); // 07:00:01 in Hanoi
        awaitTrue(() -> smsc.messagesTo("84961000001").size() == 1);
    }

    @Test
    void transactionalTakesMostOfTheBudgetWhileBothLanesAreFull() throws Exception {
        start(SmscSimulator.builder().submitLatency(Duration.ofMillis(1)), 4, config(10, Duration.ofMinutes(1)), "a");
        for (int i = 0; i < 300; i++) {
            lanes.enqueue(notice("msg_t" + i, String.format("0971%06d", i), Category.TRANSACTIONAL, Optional.empty()));
            lanes.enqueue(notice("msg_k" + i, String.format("0981%06d", i), Category.BULK, Optional.empty()));
        }
        awaitTrue(() -> smsc.messages().size() >= 250);
        List<ReceivedSms> first = smsc.messages().subList(50, 250);
        long tx = first.stream().filter(s -> s.to().startsWith("84971")).count();
        assertThat(tx).as("transactional among 200 sent while both lanes were full").isBetween(130L, 190L);
    }

    @Test
    void aCampaignGoesAtItsPaceAndOnlyWhileRunning() throws Exception {
        NoticeDispatcher d = start(SmscSimulator.builder(), 8, config(64, Duration.ofMinutes(1)), "a");
        List<LaneMessage> recipients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            recipients.add(notice("msg_c" + i, String.format("0331%06d", i), Category.BULK, Optional.of("cmp_pace")));
        }
        lanes.enqueueCampaign("cmp_pace", recipients).toCompletableFuture().join();
        long seen = d.rounds();
        awaitTrue(() -> d.rounds() >= seen + 20);
        assertThat(smsc.messages()).as("not started").isEmpty();

        campaigns.running.put("cmp_pace", new CampaignRegistry.ActiveCampaign("cmp_pace", 10, QuietHours.DEFAULT));
        awaitTrue(() -> d.pace("cmp_pace").isPresent());
        for (int second = 1; second <= 3; second++) {
            clock.advance(Duration.ofSeconds(1));
            long after = d.rounds();
            awaitTrue(() -> d.rounds() >= after + 60 && d.inFlight() == 0);
            assertThat(smsc.messages().size()).as("after %d s at 10/s", second).isLessThanOrEqualTo(10 * second + 1);
        }
        assertThat(smsc.messages().size()).isGreaterThanOrEqualTo(20);
        assertThat(campaigns.counted("cmp_pace", "submitted")).isEqualTo(smsc.messages().size());
    }

    @Test
    void aNoticeNoCarrierWillTakeIsDeadLetteredAndAnOptedOutOneIsNotSent() throws Exception {
        start(SmscSimulator.builder(), 4, config(16, Duration.ofMinutes(1)), "a");
        LaneMessage tooLong = new LaneMessage("msg_long", "registry", Msisdn.parse("0961000010"), "ệ".repeat(20_000), false,
                Category.TRANSACTIONAL, DAY.plusSeconds(3600), Optional.empty(), Optional.empty(), "req", 0);
        statuses.queued(tooLong, DAY).toCompletableFuture().join();
        lanes.enqueue(tooLong).toCompletableFuture().join();
        LaneMessage optedOut = notice("msg_out", "0961000999", Category.BULK, Optional.empty());
        statuses.queued(optedOut, DAY).toCompletableFuture().join();
        lanes.enqueue(optedOut).toCompletableFuture().join();

        awaitTrue(() -> "failed".equals(status("msg_long")) && "opted_out".equals(status("msg_out")));
        assertThat(redis.commands().xlen(LaneKeys.DEAD)).isEqualTo(1);
        assertThat(redis.commands().xrange(LaneKeys.DEAD, io.lettuce.core.Range.create("-", "+")).get(0).getBody())
                .containsEntry("m", "msg_long").hasEntrySatisfying("reason", r -> assertThat(r).startsWith("rejected"));
        assertThat(smsc.messages()).isEmpty();
        assertThat(lanes.depth(LaneKeys.TRANSACTIONAL).toCompletableFuture().join()).isZero();
    }

    @Test
    void whatADeadInstanceHeldIsSentByAnother() throws Exception {
        connect(SmscSimulator.builder(), 8);
        List<LaneMessage> held = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            held.add(notice("msg_h" + i, String.format("0861%06d", i), Category.TRANSACTIONAL, Optional.empty()));
        }
        held.forEach(m -> lanes.enqueue(m).toCompletableFuture().join());
        // Another instance read them all and died before settling any.
        assertThat(lanes.read(LaneKeys.TRANSACTIONAL, "dead-instance", 100).toCompletableFuture().join()).hasSize(50);

        dispatcher(config(64, Duration.ofMillis(300)), "survivor");
        awaitTrue(() -> smsc.messages().size() == 50);
        assertThat(smsc.messages()).extracting(ReceivedSms::to)
                .containsExactlyInAnyOrderElementsOf(held.stream().map(m -> m.to().international()).toList());
        assertThat(smsc.duplicateCount()).isZero();
        awaitTrue(() -> lanes.depth(LaneKeys.TRANSACTIONAL).toCompletableFuture().join() == 0);
    }

    @Test
    void aNoticeADeadInstanceSubmittedAndRecordedIsSettledNotSentAgainAndTheRestAreCountedAsPossibleDuplicates()
            throws Exception {
        connect(SmscSimulator.builder(), 8);
        List<LaneMessage> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            LaneMessage m = notice("msg_s" + i, String.format("0862%06d", i), Category.TRANSACTIONAL, Optional.empty());
            held.add(m);
            lanes.enqueue(m).toCompletableFuture().join();
            statuses.queued(m, clock.instant()).toCompletableFuture().join();
        }
        assertThat(lanes.read(LaneKeys.TRANSACTIONAL, "dead-instance", 100).toCompletableFuture().join()).hasSize(10);
        // The dead instance had submitted and recorded the first four, and died before settling their entries.
        for (LaneMessage m : held.subList(0, 4)) {
            statuses.submitted(m.messageId(), m.to(), vn.vneid.smpp.SubmitResult.accepted("viettel",
                    List.of("0000" + m.messageId().substring(5)), Duration.ZERO), clock.instant()).toCompletableFuture().join();
        }

        dispatcher(config(64, Duration.ofMillis(300)), "survivor");
        awaitTrue(() -> lanes.depth(LaneKeys.TRANSACTIONAL).toCompletableFuture().join() == 0);
        awaitTrue(() -> smsc.messages().size() == 6);
        assertThat(smsc.messages()).extracting(ReceivedSms::to).containsExactlyInAnyOrderElementsOf(
                held.subList(4, 10).stream().map(m -> m.to().international()).toList());
        assertThat(registry.find("sms.possible_duplicates").tag("reason", "notice_taken_over").counter().count())
                .isEqualTo(6);
    }

    @Test
    void anInstanceDoesNotTakeOverTheNoticesItIsStillSending() throws Exception {
        connect(SmscSimulator.builder().submitLatency(Duration.ofMillis(1500)), 16);
        for (int i = 0; i < 10; i++) {
            LaneMessage m = notice("msg_slow" + i, String.format("0863%06d", i), Category.TRANSACTIONAL, Optional.empty());
            lanes.enqueue(m).toCompletableFuture().join();
            statuses.queued(m, clock.instant()).toCompletableFuture().join();
        }
        // Reclaims run every second and find these entries idle longer than 200 ms while the SMSC takes 1.5 s.
        dispatcher(config(64, Duration.ofMillis(200)), "slow");
        awaitTrue(() -> lanes.depth(LaneKeys.TRANSACTIONAL).toCompletableFuture().join() == 0);
        assertThat(smsc.receivedCount()).isEqualTo(10);
        assertThat(smsc.duplicateCount()).isZero();
        assertThat(registry.find("sms.possible_duplicates").tag("reason", "notice_taken_over").counter().count()).isZero();
    }

    private String status(String messageId) {
        return statuses.find(messageId).toCompletableFuture().join().map(v -> v.fields().get("status")).orElse(null);
    }

    private LaneMessage notice(String id, String phone, Category category, Optional<String> campaign) {
        return new LaneMessage(id, "registry", Msisdn.parse(phone), "Thong bao " + id, false, category,
                DAY.plus(Duration.ofDays(2)), campaign, Optional.empty(), "req_" + id, 0);
    }

    private static int indexOf(List<ReceivedSms> order, String to) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).to().equals(to)) {
                return i;
            }
        }
        throw new AssertionError(to + " not received");
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Campaign state in memory: the dispatcher's view of running campaigns and its counts. */
    static final class FakeCampaigns implements CampaignRegistry {
        final Map<String, ActiveCampaign> running = new ConcurrentHashMap<>();
        final Map<String, Long> counts = new ConcurrentHashMap<>();

        @Override
        public CompletionStage<List<ActiveCampaign>> running() {
            return CompletableFuture.completedFuture(List.copyOf(running.values()));
        }

        @Override
        public CompletionStage<Void> count(String campaignId, String state, long delta) {
            counts.merge(campaignId + "/" + state, delta, Long::sum);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> completeIfDone(String campaignId) {
            return CompletableFuture.completedFuture(false);
        }

        long counted(String campaignId, String state) {
            return counts.getOrDefault(campaignId + "/" + state, 0L);
        }
    }
}
