package vn.vneid.smpp.internal;

/**
 * How the gateway treats a negative submit_sm_resp {@code command_status}. Both refused-for-now kinds are
 * retried with back-off until the message's validity ends (then EXPIRED), never failed at once:
 * <ul>
 *   <li>{@link Kind#THROTTLED}: 0x58 ESME_RTHROTTLED, 0x14 ESME_RMSGQFUL — the carrier asks us to slow down:
 *   the carrier's rate is halved too.</li>
 *   <li>{@link Kind#TEMPORARY}: 0x08 ESME_RSYSERR (SMSC internal error), 0x04 ESME_RINVBNDSTS (bind in the
 *   wrong state, e.g. mid-rebind), 0x64 ESME_RX_T_APPN (the SPEC's "temporary application error") — the
 *   message is fine, the SMSC is not; retrying is safe because the SMSC said no (no duplicate risk).</li>
 *   <li>{@link Kind#PERMANENT}: everything else — retrying cannot help or its meaning is unknown:
 *   0x0A/0x0B bad source or destination address, 0x45 ESME_RSUBMITFAIL (used by SMSCs for barred or
 *   unknown subscribers as well as for faults, so resending could loop until validUntil), 0x66
 *   ESME_RX_R_APPN (rejected by the application), 0xFF ESME_RUNKNOWNERR and vendor codes 0x400+.</li>
 * </ul>
 */
public final class CommandStatuses {
    public static final int ESME_RINVBNDSTS = 0x04;
    public static final int ESME_RSYSERR = 0x08;
    public static final int ESME_RINVSRCADR = 0x0A;
    public static final int ESME_RINVDSTADR = 0x0B;
    public static final int ESME_RBINDFAIL = 0x0D;
    public static final int ESME_RMSGQFUL = 0x14;
    public static final int ESME_RSUBMITFAIL = 0x45;
    public static final int ESME_RTHROTTLED = 0x58;
    public static final int ESME_RX_T_APPN = 0x64;
    public static final int ESME_RX_R_APPN = 0x66;

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

    /** The SMPP 3.4 name of the statuses the gateway meets most, else "command_status 0x.."; for logs. */
    public static String describe(int commandStatus) {
        switch (commandStatus) {
            case ESME_RINVBNDSTS: return "ESME_RINVBNDSTS";
            case ESME_RSYSERR: return "ESME_RSYSERR";
            case ESME_RINVSRCADR: return "ESME_RINVSRCADR";
            case ESME_RINVDSTADR: return "ESME_RINVDSTADR";
            case ESME_RBINDFAIL: return "ESME_RBINDFAIL";
            case ESME_RMSGQFUL: return "ESME_RMSGQFUL";
            case ESME_RSUBMITFAIL: return "ESME_RSUBMITFAIL";
            case ESME_RTHROTTLED: return "ESME_RTHROTTLED";
            case ESME_RX_T_APPN: return "ESME_RX_T_APPN";
            case ESME_RX_R_APPN: return "ESME_RX_R_APPN";
            default: return "command_status 0x" + Integer.toHexString(commandStatus);
        }
    }
}
