package vn.vneid.smpp.receipt;

/** The {@code stat:} of a receipt. {@link #isFinal()} and {@link #isSuccess()} say how to treat it. */
public enum ReceiptState {
    DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, ENROUTE;

    public boolean isFinal() {
        return this != ENROUTE && this != ACCEPTD;
    }

    public boolean isSuccess() {
        return this == DELIVRD;
    }
}
