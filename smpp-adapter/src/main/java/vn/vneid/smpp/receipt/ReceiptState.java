package vn.vneid.smpp.receipt;

import java.util.Optional;

/** The {@code stat:} of a receipt. {@link #isFinal()} and {@link #isSuccess()} say how to treat it. */
public enum ReceiptState {
    DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, ENROUTE;

    /**
     * The state for the value of the {@code message_state} TLV (0x0427): 1 ENROUTE, 2 DELIVERED, 3 EXPIRED,
     * 4 DELETED, 5 UNDELIVERABLE, 6 ACCEPTED, 7 UNKNOWN, 8 REJECTED; empty for any other value (SMPP 5.0's
     * 0 SCHEDULED and 9 SKIPPED included), so that the receipt's {@code stat:} is used instead.
     */
    public static Optional<ReceiptState> ofMessageState(int value) {
        switch (value) {
            case 1: return Optional.of(ENROUTE);
            case 2: return Optional.of(DELIVRD);
            case 3: return Optional.of(EXPIRED);
            case 4: return Optional.of(DELETED);
            case 5: return Optional.of(UNDELIV);
            case 6: return Optional.of(ACCEPTD);
            case 7: return Optional.of(UNKNOWN);
            case 8: return Optional.of(REJECTD);
            default: return Optional.empty();
        }
    }

    public boolean isFinal() {
        return this != ENROUTE && this != ACCEPTD;
    }

    public boolean isSuccess() {
        return this == DELIVRD;
    }
}
