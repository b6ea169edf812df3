package vn.vneid.gateway.notices;

import java.util.Locale;

/**
 * Where a message is. The rank orders them: a status only moves to a higher rank, so a late or duplicated
 * event (a receipt before the submit response was recorded) never moves a message backwards.
 */
public enum MessageStatus {
    /** Taken by the API. */
    ACCEPTED(0),
    /** Written to a durable lane (notices); waits for its turn, its campaign's pace or the end of quiet hours. */
    QUEUED(1),
    /** The SMSC accepted it (has an SMSC message id); a receipt is awaited. */
    SUBMITTED(2),
    /** Sent, but the SMSC never answered; not resent, to avoid a duplicate. A receipt may still settle it. */
    UNKNOWN(2),
    DELIVERED(3),
    FAILED(3),
    /** Its validity ran out before it could be submitted, or the SMSC reported EXPIRED. */
    EXPIRED(3),
    /** A bulk notice to a number that opted out of its category: not sent. */
    OPTED_OUT(3);

    /** Statuses from this rank on are final. */
    public static final int FINAL_RANK = 3;

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
    public String timeField() {
        return label() + "At";
    }
}
