package vn.vneid.smpp;

/** How a carrier's sessions bind: one transceiver per bind (submits and receipts on one session), or a transmitter. */
public enum BindMode {
    TRANSCEIVER,
    /** Submit only; receipts then come on the carrier's receiver binds, which some SMSCs require separately. */
    TRANSMITTER
}
