package vn.vneid.gateway.notices.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.metrics.GatewayMetrics.Duplicate;
import vn.vneid.gateway.metrics.GatewayMetrics.Recovered;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.notices.MessageStatus;

/**
 * Takes over accepted OTPs whose lease ran out (the instance that accepted them died, or stopped and handed them
 * back): each is sent again if its code is still valid, marked {@code expired} if not, and dropped from the
 * outbox if it turns out to be submitted or ended already. Every instance runs it periodically; the claim is
 * atomic, so two instances never take the same OTP at once. A resent one may be a duplicate (the dead instance
 * may have submitted it just before it died, without recording so): each is counted in
 * {@code sms_possible_duplicates_total{reason="otp_taken_over"}}.
 */
public final class OtpRecovery {
    private static final Logger log = LoggerFactory.getLogger(OtpRecovery.class);
    static final int BATCH = 200;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();

    public OtpRecovery(Dispatcher dispatcher, Clock clock, GatewayMetrics metrics) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** One pass: claims up to {@value #BATCH} lapsed leases and settles each; never overlaps itself. */
    public CompletionStage<Integer> run() {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(0);
        }
        Instant now = clock.instant();
        return dispatcher.outbox().claim(now, now.plus(dispatcher.lease()), BATCH)
                .thenCompose(ids -> CompletableFuture.allOf(ids.stream()
                                .map(id -> takeOver(id, now).toCompletableFuture()).toArray(CompletableFuture[]::new))
                        .thenApply(v -> ids.size()))
                .whenComplete((n, e) -> {
                    running.set(false);
                    if (e != null) {
                        log.debug("OTP recovery pass failed: {}", e.toString());
                    } else if (n > 0) {
                        log.info("took over {} OTPs whose holder stopped", n);
                    }
                });
    }

    private CompletionStage<Void> takeOver(String messageId, Instant now) {
        if (dispatcher.holds(messageId)) {
            return CompletableFuture.completedFuture(null); // our own, waiting in our carrier queue: the claim renewed it
        }
        return dispatcher.statuses().pending(messageId).thenCompose(pending -> {
            if (pending.isEmpty() || !pending.get().accepted() || pending.get().sealed() == null) {
                // Submitted or ended already (its holder died before letting go), or its record is gone.
                metrics.recovered(pending.isEmpty() ? Recovered.RECORD_GONE : Recovered.ALREADY_SENT);
                return dispatcher.outbox().remove(messageId).thenApply(n -> null);
            }
            OtpSms sms;
            try {
                sms = dispatcher.seal().open(messageId, pending.get().sealed());
            } catch (IllegalArgumentException e) {
                log.warn("OTP {} cannot be taken over: {}", messageId, e.getMessage());
                metrics.recovered(Recovered.UNREADABLE);
                return finish(messageId, MessageStatus.FAILED,
                        "its sealed SMS cannot be opened (the OTP secret changed?)", now);
            }
            if (!now.isBefore(sms.validUntil())) {
                metrics.recovered(Recovered.EXPIRED);
                return finish(messageId, MessageStatus.EXPIRED,
                        "its code expired before it was submitted (the instance holding it stopped)", now);
            }
            metrics.recovered(Recovered.RESENT);
            metrics.possibleDuplicate(Duplicate.OTP_TAKEN_OVER);
            log.atInfo().setMessage("otp taken over").addKeyValue("event", "otp.taken_over")
                    .addKeyValue("requestId", sms.requestId()).addKeyValue("messageId", messageId)
                    .addKeyValue("to", sms.to().masked()).log();
            dispatcher.send(sms);
            return CompletableFuture.completedFuture(null);
        });
    }

    private CompletionStage<Void> finish(String messageId, MessageStatus status, String reason, Instant now) {
        return dispatcher.statuses().end(messageId, status, reason, now)
                .thenCompose(v -> dispatcher.outbox().remove(messageId)).thenApply(n -> null);
    }
}
