package vn.vneid.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.messages.RedisMessageStatusStore;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SmsSender;

/**
 * Hands messages to the SMS sender and keeps their status: {@code accepted} is recorded before the submit,
 * the SMSC's answer after it. OTPs go as priority messages, ahead of anything else queued for the carrier.
 * Status writes that fail are logged, never allowed to stop an SMS: the citizen needs the code more than we
 * need the record. Each OTP's own time in the gateway (request to submit_sm, the SMSC's answer left out) is
 * measured and tells the {@link OtpGuard} whether notices must give way.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private final SmsSender sender;
    private final RedisMessageStatusStore statuses;
    private final Clock clock;
    private final OtpGuard guard;
    private final GatewayMetrics metrics;

    public Dispatcher(SmsSender sender, RedisMessageStatusStore statuses, Clock clock, OtpGuard guard,
                      GatewayMetrics metrics) {
        this.sender = sender;
        this.statuses = statuses;
        this.clock = clock;
        this.guard = guard;
        this.metrics = metrics;
    }

    /**
     * False while no carrier on {@code to}'s route has a bound session: the API then refuses new OTPs instead
     * of queueing them blind.
     */
    public boolean canSend(Msisdn to) {
        return sender.isAvailableFor(to);
    }

    /**
     * {@code requestId} is the HTTP request's, kept with the message so its receipt can be logged with it;
     * {@code requestNanos} is when that request arrived ({@link System#nanoTime}).
     */
    public void send(String requestId, long requestNanos, String messageId, String client, Msisdn to, String kind,
                     String text, Instant validUntil, boolean priority) {
        OutboundSms sms = new OutboundSms(messageId, to, text, validUntil, priority);
        statuses.accepted(messageId, client, to, kind, requestId, clock.instant())
                .whenComplete((changed, e) -> {
                    if (e != null) {
                        log.warn("status of {} not recorded as accepted: {}", messageId, e.toString());
                    }
                    submit(requestId, requestNanos, sms);
                });
    }

    private void submit(String requestId, long requestNanos, OutboundSms sms) {
        sender.submit(sms).whenComplete((result, e) -> {
            if (e != null) {
                log.error("sender failed {} unexpectedly", sms.messageId(), e);
                return;
            }
            Duration inGateway = Duration.ofNanos(Math.max(0, System.nanoTime() - requestNanos - result.latency().toNanos()));
            metrics.otpDispatched(inGateway);
            guard.record(inGateway);
            log.atInfo().setMessage("sms submitted").addKeyValue("event", "sms.submitted")
                    .addKeyValue("requestId", requestId).addKeyValue("messageId", sms.messageId())
                    .addKeyValue("to", sms.to().masked()).addKeyValue("carrier", result.carrier())
                    .addKeyValue("status", result.status()).addKeyValue("smscMessageId", result.smscMessageId())
                    .addKeyValue("segments", result.segments()).addKeyValue("reason", result.reason())
                    .addKeyValue("latencyMs", result.latency().toMillis()).log();
            statuses.submitted(sms.messageId(), sms.to(), result, clock.instant()).whenComplete((changed, se) -> {
                if (se != null) {
                    log.warn("status of {} not recorded as {}: {}", sms.messageId(), result.status(), se.toString());
                }
            });
        });
    }
}
