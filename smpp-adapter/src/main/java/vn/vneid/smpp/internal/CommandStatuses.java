package vn.vneid.smpp.internal;

/**
 * How the gateway treats a negative submit_sm_resp {@code command_status}:
 * <ul>
 *   <li>{@link Kind#THROTTLED}: 0x58 ESME_RTHROTTLED, 0x14 ESME_RMSGQFUL — back off and retry the segment.</li>
 *   <li>{@link Kind#TEMPORARY}: 0x08 ESME_RSYSERR (SMSC internal error), 0x04 ESME_RINVBNDSTS (bind in the
 *   wrong state, e.g. mid-rebind), 0x64 ESME_RX_T_APPN (temporary application error) — answered
 *   REJECTED_TEMPORARY at once so the caller may retry or fail over.</li>
 *   <li>{@link Kind#PERMANENT}: everything else, including 0x45 ESME_RSUBMITFAIL, 0x0A/0x0B bad source or
 *   destination address, 0x66 ESME_RX_R_APPN.</li>
 * </ul>
 */
public final class CommandStatuses {
    public static final int ESME_RINVBNDSTS = 0x04;
    public static final int ESME_RSYSERR = 0x08;
    public static final int ESME_RMSGQFUL = 0x14;
    public static final int ESME_RTHROTTLED = 0x58;
    public static final int ESME_RX_T_APPN = 0x64;

    public enum Kind { THROTTLED, TEMPORARY, PERMANENT }

    private CommandStatuses() {
    }

    public static Kind classify(int commandStatus) {
        switch (commandStatus) {
            case ESME_RTHROTTLED:
            case ESME_RMSGQFUL:
                return Kind.THROTTLED;
            case ESME_RSYSERR:
            case ESME_RINVBNDSTS:
            case ESME_RX_T_APPN:
                return Kind.TEMPORARY;
            default:
                return Kind.PERMANENT;
        }
    }
}
