package vn.vneid.smpp.receipt;

import java.time.LocalDateTime;

/**
 * A delivery receipt (deliver_sm with esm_class 0x04) as the SMSC reported it. {@code smscMessageId} is the id
 * submit_sm_resp returned, normalised (see {@code DeliveryReceiptParser}) and converted for the carrier's
 * {@code ReceiptIdFormat} (see {@link ReceiptIds}); dates are the SMSC's local time and may be null when the
 * receipt lacks them. {@code errorCode} is the text's {@code err:} (empty when absent), followed, when the PDU
 * has a {@code network_error_code} TLV, by {@code net:TYPE/0xCODE} (network type in decimal, code in four hex
 * digits, e.g. {@code "000 net:3/0x0401"}, or just {@code "net:3/0x0401"}). {@code handset} is the
 * receipt PDU's source address, the number the message went to (null when unknown): it lets a receipt settle
 * a message whose submit response never came, so its SMSC id was never learned.
 */
public record DeliveryReceipt(
        String smscMessageId,
        ReceiptState state,
        String errorCode,
        int submitted,
        int delivered,
        LocalDateTime submitDate,
        LocalDateTime doneDate,
        String handset) {

    /** Without the handset's address. */
    public DeliveryReceipt(String smscMessageId, ReceiptState state, String errorCode, int submitted, int delivered,
                           LocalDateTime submitDate, LocalDateTime doneDate) {
        this(smscMessageId, state, errorCode, submitted, delivered, submitDate, doneDate, null);
    }
}
