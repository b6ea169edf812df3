package vn.vneid.smpp;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to send, in the gateway's terms: the parameter object that stands for jSMPP's long
 * {@code submitShortMessage} argument list. {@code messageId} is the gateway's id (used for logs and
 * receipts), {@code validUntil} the moment after which it is pointless to submit (an expired OTP);
 * {@code priority} true puts it ahead of everything else queued for the route; {@code unaccent} true
 * transliterates Vietnamese letters to plain Latin first, so a notice stays GSM-7 (one segment instead of three).
 */
public record OutboundSms(String messageId, Msisdn to, String text, Instant validUntil, boolean priority,
                          boolean unaccent) {

    /** Sent as written ({@code unaccent} false). */
    public OutboundSms(String messageId, Msisdn to, String text, Instant validUntil, boolean priority) {
        this(messageId, to, text, validUntil, priority, false);
    }

    public OutboundSms {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /** The text may hold a code: never print it. */
    @Override
    public String toString() {
        return "OutboundSms[messageId=" + messageId + ", to=" + to.masked() + "]";
    }
}
