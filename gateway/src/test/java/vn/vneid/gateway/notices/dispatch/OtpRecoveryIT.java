package vn.vneid.gateway.notices.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.notices.status.RedisMessageStatusStore;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.session.JsmppCarrier;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * Accepted OTPs whose holder stopped, on real parts (Redis, a jSMPP carrier, the SMSC simulator): another
 * instance sends each once, or ends it, and never takes what a live instance still holds. "Instances" here are
 * dispatchers on one Redis; a dead one is one that accepted and then did nothing more. Leases run on a clock the
 * test moves.
 */
class OtpRecoveryIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final byte[] SECRET = "otp-recovery-test-secret-0739184789ab".getBytes(StandardCharsets.UTF_8);
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();
    private final MutableClock clock = MutableClock.startingAt2025();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private SmscSimulator smsc;
    private JsmppCarrier carrier;
    private RedisMessageStatusStore statuses;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void start() throws Exception {
        smsc = SmscSimulator.builder().start();
        closing.add(smsc);
        carrier = new JsmppCarrier(CarrierUrl.parse("test", "smpp://vneid:secret@127.0.0.1:" + smsc.port() + "?window=8"),
                ReceiptListener.IGNORE, new SimpleMeterRegistry(), clock);
        carrier.start();
        closing.add(carrier);
        carrier.awaitBound().get(10, TimeUnit.SECONDS);
        RedisClient client = RedisClient.create(redis.url());
        closing.add(client::shutdown);
        connection = client.connect();
        closing.add(connection);
        statuses = new RedisMessageStatusStore(connection.async(), Duration.ofDays(7), Duration.ofHours(24));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void aLapsedLeaseOfAValidOtpIsSentOnceByAnotherInstanceAndRecorded() throws Exception {
        Dispatcher dead = dispatcher(SECRET);
        List<OtpSms> accepted = acceptAll(dead, 20, Duration.ofMinutes(5));
        Instance alive = new Instance(SECRET);

        assertThat(alive.recovery.run().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .as("nothing is taken while the lease runs").isZero();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(alive.recovery.run().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(20);

        awaitTrue(() -> smsc.receivedCount() == 20);
        for (OtpSms sms : accepted) {
            awaitTrue(() -> "submitted".equals(status(sms.messageId())));
            assertThat(smsc.messagesTo(sms.to().international()).get(0).text()).isEqualTo(sms.text());
        }
        awaitTrue(() -> outboxSize() == 0);
        assertThat(smsc.duplicateCount()).isZero();
        assertThat(alive.count("sms.possible_duplicates", "reason", "otp_taken_over")).isEqualTo(20);
        assertThat(alive.count("otp.recovered", "outcome", "resent")).isEqualTo(20);
    }

    @Test
    void twoInstancesTakingOverAtOnceNeverSendTheSameOtpTwice() throws Exception {
        acceptAll(dispatcher(SECRET), 300, Duration.ofMinutes(5));
        clock.advance(LEASE.plusSeconds(1));
        Instance a = new Instance(SECRET);
        Instance b = new Instance(SECRET);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outboxSize() > 0 && System.nanoTime() < deadline) {
            CompletableFuture.allOf(a.recovery.run().toCompletableFuture(), b.recovery.run().toCompletableFuture())
                    .get(10, TimeUnit.SECONDS);
        }
        awaitTrue(() -> smsc.receivedCount() == 300);
        assertThat(smsc.duplicateCount()).isZero();
        assertThat(a.count("otp.recovered", "outcome", "resent") + b.count("otp.recovered", "outcome", "resent"))
                .isEqualTo(300);
    }

    @Test
    void anOtpWhoseCodeExpiredIsMarkedExpiredAndNotSent() throws Exception {
        OtpSms sms = acceptAll(dispatcher(SECRET), 1, Duration.ofMinutes(1)).get(0);
        clock.advance(Duration.ofMinutes(2));
        Instance alive = new Instance(SECRET);

        assertThat(alive.recovery.run().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(1);
        awaitTrue(() -> "expired".equals(status(sms.messageId())));
        assertThat(field(sms.messageId(), "reason")).contains("expired before it was submitted");
        assertThat(field(sms.messageId(), "sealed")).as("the sealed text goes with its end").isNull();
        assertThat(smsc.receivedCount()).isZero();
        assertThat(outboxSize()).isZero();
    }

    @Test
    void anOtpRecordedAsSubmittedByAHolderThatDiedBeforeLettingGoIsNotSentAgain() throws Exception {
        OtpSms sms = acceptAll(dispatcher(SECRET), 1, Duration.ofMinutes(5)).get(0);
        statuses.submitted(sms.messageId(), sms.to(), SubmitResult.accepted("test", List.of("00000042"), Duration.ZERO),
                clock.instant()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        clock.advance(LEASE.plusSeconds(1));
        Instance alive = new Instance(SECRET);

        alive.recovery.run().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(outboxSize()).isZero();
        assertThat(smsc.receivedCount()).isZero();
        assertThat(alive.count("otp.recovered", "outcome", "already_sent")).isEqualTo(1);
    }

    @Test
    void anInstanceDoesNotTakeOverTheOtpsWaitingInItsOwnCarrierQueue() throws Exception {
        smsc.throttleFraction(1.0);
        Instance self = new Instance(SECRET);
        OtpSms sms = acceptAll(self.dispatcher, 1, Duration.ofMinutes(5)).get(0);
        self.dispatcher.send(sms);
        awaitTrue(() -> smsc.throttledCount() > 0);
        clock.advance(LEASE.plusSeconds(1)); // its lease ran out, as if its renewals had failed

        self.recovery.run().toCompletableFuture().get(5, TimeUnit.SECONDS);
        smsc.throttleFraction(0);
        awaitTrue(() -> "submitted".equals(status(sms.messageId())));
        assertThat(smsc.receivedCount()).isEqualTo(1);
        assertThat(self.count("otp.recovered", "outcome", "resent")).isZero();
    }

    @Test
    void otpsNotSubmittedWhenAnInstanceStopsAreHandedBackAndSentAtOnce() throws Exception {
        smsc.throttleFraction(1.0);
        Dispatcher stopping = dispatcher(SECRET);
        List<OtpSms> accepted = acceptAll(stopping, 10, Duration.ofMinutes(5));
        accepted.forEach(stopping::send);
        awaitTrue(() -> smsc.throttledCount() > 0);

        stopping.stopping();
        carrier.close();   // its queued OTPs come back unsent
        stopping.handBack(Duration.ofSeconds(5));
        accepted.forEach(sms -> assertThat(status(sms.messageId())).as("not failed: handed back").isEqualTo("accepted"));

        smsc.throttleFraction(0);
        JsmppCarrier next = new JsmppCarrier(CarrierUrl.parse("next", "smpp://vneid:secret@127.0.0.1:" + smsc.port()),
                ReceiptListener.IGNORE, new SimpleMeterRegistry(), clock);
        next.start();
        closing.add(next);
        next.awaitBound().get(10, TimeUnit.SECONDS);
        Instance other = new Instance(SECRET, next);
        assertThat(other.recovery.run().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .as("taken at once, without waiting for the lease").isEqualTo(10);
        awaitTrue(() -> smsc.receivedCount() == 10);
    }

    @Test
    void aSealedTextThatTheSecretCannotOpenEndsFailedNotSent() throws Exception {
        OtpSms sms = acceptAll(dispatcher("another-secret-another-secret-0739184".getBytes(StandardCharsets.UTF_8)),
                1, Duration.ofMinutes(5)).get(0);
        clock.advance(LEASE.plusSeconds(1));
        Instance alive = new Instance(SECRET);

        alive.recovery.run().toCompletableFuture().get(5, TimeUnit.SECONDS);
        awaitTrue(() -> "failed".equals(status(sms.messageId())));
        assertThat(smsc.receivedCount()).isZero();
        assertThat(outboxSize()).isZero();
    }

    @Test
    void redisNeverHoldsTheCodeOrThePhoneNumberInClear() throws Exception {
        OtpSms sms = acceptAll(dispatcher(SECRET), 1, Duration.ofMinutes(5)).get(0);
        var sync = connection.sync();
        for (String key : sync.keys("*")) {
            assertThat(key).doesNotContain(sms.to().international()).doesNotContain("739184");
            String dump = switch (sync.type(key)) {
                case "hash" -> sync.hgetall(key).toString();
                case "zset" -> sync.zrange(key, 0, -1).toString();
                default -> String.valueOf(sync.get(key));
            };
            assertThat(dump).as(key).doesNotContain("739184").doesNotContain(sms.to().international());
        }
    }

    private Dispatcher dispatcher(byte[] secret) {
        return dispatcher(secret, carrier);
    }

    private Dispatcher dispatcher(byte[] secret, JsmppCarrier sender) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new Dispatcher(sender, statuses, connection.async(), secret, LEASE, clock,
                new OtpGuard(256, Duration.ZERO), new GatewayMetrics(registry));
    }

    private List<OtpSms> acceptAll(Dispatcher dispatcher, int n, Duration validFor) throws Exception {
        List<OtpSms> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OtpSms sms = new OtpSms("msg_test" + IDS.incrementAndGet(), "backend",
                    Msisdn.parse(String.format("84961%06d", i)), "VNeID: Ma kich hoat cua ban la 739184",
                    clock.instant().plus(validFor), "req-" + i, "otp:ACTIVATE", System.nanoTime());
            dispatcher.accept(sms).toCompletableFuture().get(5, TimeUnit.SECONDS);
            accepted.add(sms);
        }
        return accepted;
    }

    private String status(String messageId) {
        return field(messageId, "status");
    }

    private String field(String messageId, String name) {
        return redis.commands().hget("msg:{" + messageId + "}", name);
    }

    private long outboxSize() {
        return redis.commands().zcard(RedisOtpOutbox.KEY);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A live instance: a dispatcher and its recovery, with metrics of its own. */
    private final class Instance {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final Dispatcher dispatcher;
        final OtpRecovery recovery;

        Instance(byte[] secret) {
            this(secret, carrier);
        }

        Instance(byte[] secret, JsmppCarrier sender) {
            GatewayMetrics metrics = new GatewayMetrics(registry);
            dispatcher = new Dispatcher(sender, statuses, connection.async(), secret, LEASE, clock,
                    new OtpGuard(256, Duration.ZERO), metrics);
            recovery = new OtpRecovery(dispatcher, clock, metrics);
        }

        double count(String name, String tag, String value) {
            return Optional.ofNullable(registry.find(name).tag(tag, value).counter()).map(c -> c.count()).orElse(0.0);
        }
    }
}
