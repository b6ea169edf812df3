package vn.vneid.gateway.notices.dispatch;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.notices.queue.GroupCommit;
import vn.vneid.gateway.notices.status.RedisMessageStatusStore;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.SmsSender;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.SubmitResult;

/**
 * Takes accepted OTP SMS to the carriers, durably. {@link #accept} records the message as {@code accepted} with
 * its sealed text ({@link SmsSeal}) and takes a lease on it in the outbox ({@link RedisOtpOutbox}); only then
 * may the API answer 202 (both written in one round trip). {@link #send} hands it to the SMS sender as a priority
 * message, ahead of every notice; its result is recorded, and only then is it removed from the outbox (removals are
 * batched while one is in flight). While it waits (a carrier backlog,
 * a reconnect), this instance renews its lease ({@link #renewLeases}). If this instance dies, the lease runs out
 * and {@link OtpRecovery} on any instance sends it, or marks it {@code expired} once its code has expired: an
 * accepted OTP is never lost and never stays {@code accepted}. On a graceful stop, what was not submitted is
 * {@link #handBack handed back} at once instead of failed. Each OTP's own time in the gateway (request to
 * submit_sm, the SMSC's answer left out) is measured and tells the {@link OtpGuard} whether notices must give way.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int RELEASE_BATCH = 500;
    private final SmsSender sender;
    private final RedisMessageStatusStore statuses;
    private final RedisOtpOutbox outbox;
    private final SmsSeal seal;
    private final Duration lease;
    private final Clock clock;
    private final OtpGuard guard;
    private final GatewayMetrics metrics;
    /** OTPs this instance accepted or took over and has not finished: their leases are renewed. */
    private final Map<String, OtpSms> held = new ConcurrentHashMap<>();
    /** Results the SMSC gave that could not be recorded yet (Redis away): recorded again until they are. */
    private final Map<String, Unrecorded> unrecorded = new ConcurrentHashMap<>();
    /** Results being written now: a graceful stop waits for them before handing anything back. */
    private final AtomicInteger recording = new AtomicInteger();
    /** Recorded messages whose outbox entries are to be removed, and whether a removal is in flight. */
    private final GroupCommit<String, Long> releases;
    private volatile boolean closing;

    /**
     * {@code redis} is the connection of {@code statuses} (an OTP's status and its lease are written together);
     * {@code otpSecret} keys the seal of the texts kept in Redis; {@code lease} is how long a claim on an unsent OTP
     * lasts without renewal.
     */
    public Dispatcher(SmsSender sender, RedisMessageStatusStore statuses, RedisAsyncCommands<String, String> redis,
                      byte[] otpSecret, Duration lease, Clock clock, OtpGuard guard, GatewayMetrics metrics) {
        this.sender = sender;
        this.statuses = statuses;
        this.outbox = new RedisOtpOutbox(redis);
        this.releases = new GroupCommit<>(RELEASE_BATCH, ids -> Collections.nCopies(ids.size(),
                outbox.remove(ids).whenComplete((n, e) -> {
                    if (e != null) {
                        log.debug("outbox entries of {} recorded OTPs not removed ({}); recovery drops them",
                                ids.size(), e.toString());
                    }
                })));
        this.seal = new SmsSeal(otpSecret);
        this.lease = lease;
        this.clock = clock;
        this.guard = guard;
        this.metrics = metrics;
        metrics.otpsHeld(held::size);
    }

    /**
     * False while no carrier on {@code to}'s route has a bound session: the API then refuses new OTPs instead
     * of queueing them blind.
     */
    public boolean canSend(Msisdn to) {
        return sender.isAvailableFor(to);
    }

    /**
     * Makes {@code sms} durable: its status {@code accepted} with the sealed text, and this instance's lease on it.
     * Completes when both are written; fails (and holds nothing) when Redis could not take them.
     */
    public CompletionStage<Void> accept(OtpSms sms) {
        Instant now = clock.instant();
        String sealed = seal.seal(sms);
        held.put(sms.messageId(), sms);
        // One round trip: both commands are written before either answer is read, on one connection, so Redis
        // applies the lease first. A lease whose status write failed is dropped by recovery (no record), whereas a
        // status without a lease would read "accepted" until its TTL.
        CompletableFuture<Long> leased = outbox.hold(sms.messageId(), now.plus(lease)).toCompletableFuture();
        CompletableFuture<Boolean> recorded = statuses.accepted(sms.messageId(), sms.client(), sms.to(), sms.kind(),
                sms.requestId(), now, sealed).toCompletableFuture();
        return leased.thenCombine(recorded, (n, changed) -> (Void) null)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        held.remove(sms.messageId());
                    }
                });
    }

    /** Submits an accepted (or taken over) OTP's SMS as a priority message and records how it ended. */
    public void send(OtpSms sms) {
        held.put(sms.messageId(), sms);
        sender.submit(sms.outbound()).whenComplete((result, e) -> {
            if (e != null) {
                // A bug in the sender: let the lease run out, so that recovery sends it again.
                held.remove(sms.messageId());
                log.error("sender failed {} unexpectedly", sms.messageId(), e);
                return;
            }
            if (closing && result.status() == Status.REJECTED_TEMPORARY) {
                return; // not submitted because we are stopping: handed back by handBack(), not failed
            }
            if (sms.requestNanos() != 0) {
                Duration inGateway = Duration.ofNanos(Math.max(0,
                        System.nanoTime() - sms.requestNanos() - result.latency().toNanos()));
                metrics.otpDispatched(inGateway);
                guard.record(inGateway);
            }
            log.atInfo().setMessage("sms submitted").addKeyValue("event", "sms.submitted")
                    .addKeyValue("requestId", sms.requestId()).addKeyValue("messageId", sms.messageId())
                    .addKeyValue("to", sms.to().masked()).addKeyValue("carrier", result.carrier())
                    .addKeyValue("status", result.status()).addKeyValue("smscMessageId", result.smscMessageId())
                    .addKeyValue("segments", result.segments()).addKeyValue("reason", result.reason())
                    .addKeyValue("latencyMs", result.latency().toMillis()).log();
            record(sms, result, clock.instant());
        });
    }

    /**
     * Records a finished SMS and then lets go of its outbox entry. If Redis is away, the result is kept and recorded
     * again by {@link #renewLeases} (the lease meanwhile keeps other instances from sending it a second time).
     */
    void record(OtpSms sms, SubmitResult result, Instant at) {
        recording.incrementAndGet();
        statuses.submitted(sms.messageId(), sms.to(), result, at)
                .whenComplete((changed, e) -> {
                    recording.decrementAndGet();
                    if (e == null) {
                        unrecorded.remove(sms.messageId());
                        held.remove(sms.messageId());
                        release(sms.messageId());
                    } else if (unrecorded.putIfAbsent(sms.messageId(), new Unrecorded(sms, result, at)) == null) {
                        log.warn("status of {} not recorded as {} ({}); retrying while its lease is renewed",
                                sms.messageId(), result.status(), e.toString());
                    }
                });
    }

    /**
     * Lets go of the outbox entry of a message whose result is recorded. Entries are removed in batches
     * ({@link GroupCommit}: while one removal is in flight the next ones gather; at low load each goes alone, at
     * once). One that is never removed (Redis away, a crash) lapses and is dropped by recovery, which finds its
     * status submitted.
     */
    private void release(String messageId) {
        releases.submit(messageId);
    }

    /**
     * Extends the lease of every OTP this instance still holds, and records results that could not be recorded.
     * Runs periodically, every third of the lease.
     */
    public void renewLeases() {
        unrecorded.values().forEach(u -> record(u.sms(), u.result(), u.at()));
        if (!held.isEmpty() && !closing) {
            outbox.renew(List.copyOf(held.keySet()), clock.instant().plus(lease))
                    .exceptionally(e -> null); // Redis away: retried next time, and recovery never steals within the lease
        }
    }

    /** True when this instance holds {@code messageId} (recovery must not take over its own OTPs). */
    boolean holds(String messageId) {
        return held.containsKey(messageId);
    }

    /** How long a lease lasts. */
    Duration lease() {
        return lease;
    }

    SmsSeal seal() {
        return seal;
    }

    RedisOtpOutbox outbox() {
        return outbox;
    }

    RedisMessageStatusStore statuses() {
        return statuses;
    }

    /** From now on, SMS that the sender gives back unsent because it is closing are kept for {@link #handBack}. */
    public void stopping() {
        closing = true;
    }

    /**
     * On a graceful stop, after the sender closed: waits for the results being recorded, then ends the leases of the
     * OTPs this instance did not submit, so that another instance sends them at once. Waits at most {@code timeout}.
     */
    public void handBack(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (recording.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // a stopping process, never an event loop
        }
        List<String> ids = held.keySet().stream().filter(id -> !unrecorded.containsKey(id)).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            outbox.renew(ids, Instant.EPOCH).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("handed {} unsent OTPs back to the outbox for another instance", ids.size());
        } catch (Exception e) {
            log.warn("could not hand {} unsent OTPs back ({}); their leases end within {}", ids.size(), e.toString(),
                    lease);
        }
    }

    private record Unrecorded(OtpSms sms, SubmitResult result, Instant at) {
    }
}
