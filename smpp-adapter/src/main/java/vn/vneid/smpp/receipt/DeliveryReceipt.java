package vn.vneid.smpp.receipt;

import java.time.LocalDateTime;

/**
 * A delivery receipt (deliver_sm with esm_class 0x04) as the SMSC reported it. {@code smscMessageId} is the id
 * submit_sm_resp returned, normalised (see {@code DeliveryReceiptParser}); dates are the SMSC's local time
 * and may be null when the receipt lacks them.
 */
public record DeliveryReceipt(
        String smscMessageId,
        ReceiptState state,
        String errorCode,
        int submitted,
        int delivered,
        LocalDateTime submitDate,
        LocalDateTime doneDate) {
}
