package vn.vneid.gateway.messages;

import java.time.Instant;

/**
 * What one delivery receipt did to its message; {@code submittedAt}, {@code messageId} and {@code requestId}
 * (of the HTTP request that sent it) are known when the message was found.
 */
public record ReceiptOutcome(Kind kind, Instant submittedAt, String messageId, String requestId) {

    ReceiptOutcome(Kind kind, Instant submittedAt) {
        this(kind, submittedAt, null, null);
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

    static ReceiptOutcome of(Object code, Object submittedAtMs, String messageId, String requestId) {
        long at = ((Number) submittedAtMs).longValue();
        return new ReceiptOutcome(Kind.values()[((Number) code).intValue()], at == 0 ? null : Instant.ofEpochMilli(at),
                messageId, requestId == null || requestId.isEmpty() ? null : requestId);
    }
}
