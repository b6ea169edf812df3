package vn.vneid.smpp.receipt;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.vneid.smpp.ReceiptIdFormat;

/**
 * Turns the message id a receipt names into the key the gateway stored at submit time,
 * {@code DeliveryReceiptParser.normaliseId(submitId)}, for a carrier's {@link ReceiptIdFormat}.
 * <ul>
 *   <li>{@code SAME}: the id normalised (lower case, no leading zeros);</li>
 *   <li>{@code HEX_SUBMIT_DECIMAL_RECEIPT}: the receipt's decimal number written in lower-case hex
 *   ({@code "41394"} → {@code "a1b2"});</li>
 *   <li>{@code DECIMAL_SUBMIT_HEX_RECEIPT}: the receipt's hex number written in decimal
 *   ({@code "0000A1B2"} → {@code "41394"}).</li>
 * </ul>
 * An id that is not a number in the expected base (the carrier did not convert this time, or it is not numeric)
 * is returned normalised as it is, so at worst it matches as {@code SAME} would.
 */
public final class ReceiptIds {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private ReceiptIds() {
    }

    public static String forMatching(String receiptId, ReceiptIdFormat format) {
        Objects.requireNonNull(format, "format");
        String id = DeliveryReceiptParser.normaliseId(receiptId);
        switch (format) {
            case HEX_SUBMIT_DECIMAL_RECEIPT:
                return DECIMAL.matcher(id).matches() ? new BigInteger(id, 10).toString(16) : id;
            case DECIMAL_SUBMIT_HEX_RECEIPT:
                return HEX.matcher(id).matches() ? new BigInteger(id, 16).toString(10) : id;
            case SAME:
            default:
                return id;
        }
    }
}
