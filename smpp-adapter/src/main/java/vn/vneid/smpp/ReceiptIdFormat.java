package vn.vneid.smpp;

/**
 * How a carrier's receipts write the message id that submit_sm_resp returned. Some SMSCs answer the submit
 * with a hex id and report it in receipts in decimal, or the other way round; ids are matched case-insensitively
 * and without leading zeros in every case.
 */
public enum ReceiptIdFormat {
    /** The receipt names the id as submit_sm_resp gave it. */
    SAME,
    /** submit_sm_resp gave hex; the receipt gives the same number in decimal. */
    HEX_SUBMIT_DECIMAL_RECEIPT,
    /** submit_sm_resp gave decimal; the receipt gives the same number in hex. */
    DECIMAL_SUBMIT_HEX_RECEIPT
}
