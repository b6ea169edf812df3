package vn.vneid.gateway.messages;

import java.time.Instant;

/** What one delivery receipt did to its message; {@code submittedAt} is known when the message was found. */
public record ReceiptOutcome(Kind kind, Instant submittedAt) {

    public enum Kind {
        /** No message has this SMSC id (yet: the submit may not be recorded; or another system's, or expired). */
        NO_MESSAGE,
        /** This segment's receipt was counted before. */
        DUPLICATE,
        /** Counted; other segments' receipts are still awaited. */
        COUNTED,
        /** This receipt settled the message (delivered, failed or expired). */
        SETTLED,
        /** The message was settled before (e.g. expired for want of receipts). */
        ALREADY_SETTLED
    }

    static ReceiptOutcome of(long code, long submittedAtMs) {
        return new ReceiptOutcome(Kind.values()[(int) code], submittedAtMs == 0 ? null : Instant.ofEpochMilli(submittedAtMs));
    }
}
