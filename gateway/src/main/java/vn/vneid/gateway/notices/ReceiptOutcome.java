package vn.vneid.gateway.notices;

import java.time.Instant;

/**
 * What one delivery receipt did to its message; {@code submittedAt}, {@code messageId} and {@code requestId}
 * (of the HTTP request that sent it) are known when the message was found.
 */
public record ReceiptOutcome(Kind kind, Instant submittedAt, String messageId, String requestId, String campaignId) {

    /** A receipt for no message we know: nothing else is known. */
    public static ReceiptOutcome noMessage() {
        return new ReceiptOutcome(Kind.NO_MESSAGE, null, null, null, null);
    }

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
}
