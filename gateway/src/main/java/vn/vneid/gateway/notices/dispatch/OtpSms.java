package vn.vneid.gateway.notices.dispatch;

import java.time.Instant;
import java.util.Objects;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;

/**
 * One OTP's SMS from its acceptance to its submit: who asked ({@code client}, {@code requestId}), where it goes,
 * its text (which holds the code: never print or store it in clear), until when it is worth sending (the code's
 * expiry) and what kind it is ({@code otp:ACTIVATE}). {@code requestNanos} is when its HTTP request arrived on
 * this instance ({@link System#nanoTime}), or 0 for one taken over from another instance.
 */
public record OtpSms(String messageId, String client, Msisdn to, String text, Instant validUntil, String requestId,
                     String kind, long requestNanos) {

    public OtpSms {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(kind, "kind");
    }

    OutboundSms outbound() {
        return new OutboundSms(messageId, to, text, validUntil, true);
    }

    /** The text holds a code: never print it. */
    @Override
    public String toString() {
        return "OtpSms[" + messageId + " to " + to.masked() + " " + kind + "]";
    }
}
