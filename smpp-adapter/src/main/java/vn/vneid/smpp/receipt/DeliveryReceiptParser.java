package vn.vneid.smpp.receipt;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the de-facto receipt text of SMPP 3.4 appendix B:
 * {@code id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm[ss] done date:YYMMDDhhmm[ss] stat:DDDDDDD
 * err:E text:...}. Keys are case-insensitive and every field but {@code id} and {@code stat} may be missing.
 *
 * <p><b>Id matching.</b> SMSCs disagree with themselves about ids: submit_sm_resp may say {@code 0000A1B2}
 * and the receipt {@code a1b2}. Every id handed out by this module in a {@link DeliveryReceipt} is passed
 * through {@link #normaliseId}; the gateway must store the submit id in the same normalised form and match on
 * it. Carriers that answer hex and report decimal (or the reverse) need a per-carrier conversion: see
 * {@link ReceiptIds}.
 */
public final class DeliveryReceiptParser {
    private static final Pattern ID = Pattern.compile("(?i)\\bid:\\s*(\\S+)");
    private static final Pattern SUB = Pattern.compile("(?i)\\bsub:\\s*(\\d+)");
    private static final Pattern DLVRD = Pattern.compile("(?i)\\bdlvrd:\\s*(\\d+)");
    private static final Pattern SUBMIT_DATE = Pattern.compile("(?i)\\bsubmit[ _]date:\\s*(\\d+)");
    private static final Pattern DONE_DATE = Pattern.compile("(?i)\\bdone[ _]date:\\s*(\\d+)");
    private static final Pattern STAT = Pattern.compile("(?i)\\bstat:\\s*([A-Za-z]+)");
    private static final Pattern ERR = Pattern.compile("(?i)\\berr:\\s*(\\w+)");
    private static final Pattern TEXT = Pattern.compile("(?i)\\btext:");

    private DeliveryReceiptParser() {
    }

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} naming what is missing or malformed when it
     * is not a receipt (no {@code id:}, no or unknown {@code stat:}, a date that is not 10 or 12 digits).
     */
    public static DeliveryReceipt parse(String text) {
        return parse(text, null, null);
    }

    /**
     * Parses a receipt whose PDU may also carry its id and state in TLVs: {@code tlvId} ({@code
     * receipted_message_id}) and {@code tlvState} ({@code message_state}), when not null, win over the text's
     * {@code id:} and {@code stat:}, which may then be missing; with both, the text may be empty (a TLV-only
     * receipt, whose other fields are then zero, empty or null). Throws {@link IllegalArgumentException} as
     * {@link #parse(String)} does for what neither the text nor the TLVs supply.
     */
    public static DeliveryReceipt parse(String text, String tlvId, ReceiptState tlvState) {
        boolean tlvOnly = tlvId != null && tlvState != null;
        if ((text == null || text.isBlank()) && !tlvOnly) {
            throw new IllegalArgumentException("receipt text is empty"
                    + (tlvId != null ? " and there is no message_state TLV to read the state from" : ""));
        }
        String head = text == null ? "" : beforeText(text);
        String id = tlvId != null ? tlvId : group(ID, head);
        if (id == null) {
            throw new IllegalArgumentException("receipt has no id: field");
        }
        ReceiptState state = tlvState;
        if (state == null) {
            String stat = group(STAT, head);
            if (stat == null) {
                throw new IllegalArgumentException("receipt has no stat: field");
            }
            state = state(stat);
        }
        String err = group(ERR, head);
        return new DeliveryReceipt(
                normaliseId(id),
                state,
                err == null ? "" : err,
                count(group(SUB, head)),
                count(group(DLVRD, head)),
                date(group(SUBMIT_DATE, head), "submit date"),
                date(group(DONE_DATE, head), "done date"));
    }

    /** Lower case without leading zeros ({@code "0000A1B2"} → {@code "a1b2"}); {@code "000"} → {@code "0"}. */
    public static String normaliseId(String id) {
        if (id == null) {
            throw new IllegalArgumentException("message id is null");
        }
        String trimmed = id.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < trimmed.length() - 1 && trimmed.charAt(i) == '0') {
            i++;
        }
        return trimmed.substring(i);
    }

    /** The free {@code text:} field may contain anything, including "stat:"; ignore it. */
    private static String beforeText(String text) {
        Matcher m = TEXT.matcher(text);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static ReceiptState state(String stat) {
        String upper = stat.toUpperCase(Locale.ROOT);
        // Some SMSCs spell the states out in full.
        switch (upper) {
            case "DELIVERED": return ReceiptState.DELIVRD;
            case "UNDELIVERABLE": return ReceiptState.UNDELIV;
            case "REJECTED": return ReceiptState.REJECTD;
            case "ACCEPTED": return ReceiptState.ACCEPTD;
            default:
                try {
                    return ReceiptState.valueOf(upper);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown receipt stat: " + stat, e);
                }
        }
    }

    private static int count(String digits) {
        if (digits == null) {
            return 0;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static LocalDateTime date(String digits, String field) {
        if (digits == null) {
            return null;
        }
        if (digits.length() != 10 && digits.length() != 12) {
            throw new IllegalArgumentException(field + " must have 10 or 12 digits: " + digits);
        }
        // YYMMDDhhmm[ss], years 2000-2099; built field by field (a receipt per segment: no formatter per call).
        try {
            return LocalDateTime.of(2000 + two(digits, 0), two(digits, 2), two(digits, 4), two(digits, 6),
                    two(digits, 8), digits.length() == 12 ? two(digits, 10) : 0);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " is not a valid YYMMDDhhmm[ss] date: " + digits, e);
        }
    }

    private static int two(String digits, int at) {
        return (digits.charAt(at) - '0') * 10 + (digits.charAt(at + 1) - '0');
    }
}
