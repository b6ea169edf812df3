package vn.vneid.gateway.messages;

import java.util.Locale;

/**
 * Where a message is. The rank orders them: a status only moves to a higher rank, so a late or duplicated
 * event (a receipt before the submit response was recorded) never moves a message backwards.
 */
public enum MessageStatus {
    /** Taken by the API; waiting for a carrier session. */
    ACCEPTED(0),
    /** The SMSC accepted it (has an SMSC message id); a receipt is awaited. */
    SUBMITTED(1),
    /** Sent, but the SMSC never answered; not resent, to avoid a duplicate. A receipt may still settle it. */
    UNKNOWN(1),
    DELIVERED(2),
    FAILED(2),
    /** Its validity (the OTP's lifetime) ran out before it could be submitted, or the SMSC reported EXPIRED. */
    EXPIRED(2);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The hash field holding the time this status was reached. */
    String timeField() {
        return label() + "At";
    }
}
