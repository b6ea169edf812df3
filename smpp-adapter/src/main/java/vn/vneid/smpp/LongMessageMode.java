package vn.vneid.smpp;

/** How a text longer than one SMS is sent; carriers differ in what they accept. */
public enum LongMessageMode {
    /** Segments with a concatenation UDH carrying an 8-bit reference (IEI 0x00): 153 GSM-7 / 67 UCS-2 characters each. */
    UDH8,
    /** Segments with a 16-bit reference (IEI 0x08): 152 / 66 characters each; fewer reference collisions. */
    UDH16,
    /** One submit_sm with the whole text in the {@code message_payload} TLV; the SMSC splits it. */
    PAYLOAD
}
