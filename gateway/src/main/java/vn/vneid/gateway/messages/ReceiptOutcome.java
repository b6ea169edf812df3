package vn.vneid.gateway.messages;

import java.time.Instant;

/**
 * What one delivery receipt did to its message; {@code submittedAt}, {@code messageId} and {@code requestId}
 * (of the HTTP request that sent it) are known when the message was found.
 */
public record ReceiptOutcome(Kind kind, Instant submittedAt, String messageId, String requestId, String campaignId) {

    ReceiptOutcome(Kind kind, Instant submittedAt) {
        this(kind, submittedAt, null, null, null);
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

    static ReceiptOutcome of(java.util.List<Object> r, String messageId) {
        long at = ((Number) r.get(1)).longValue();
        String requestId = r.size() > 2 ? String.valueOf(r.get(2)) : "";
        String campaignId = r.size() > 5 ? String.valueOf(r.get(5)) : "";
        return new ReceiptOutcome(Kind.values()[((Number) r.get(0)).intValue()], at == 0 ? null : Instant.ofEpochMilli(at),
                messageId, requestId.isEmpty() ? null : requestId, campaignId.isEmpty() ? null : campaignId);
    }
}
