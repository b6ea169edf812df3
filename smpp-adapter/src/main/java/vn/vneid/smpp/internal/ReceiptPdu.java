package vn.vneid.smpp.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.OptionalParameter;
import vn.vneid.smpp.ReceiptIdFormat;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;
import vn.vneid.smpp.receipt.ReceiptIds;
import vn.vneid.smpp.receipt.ReceiptState;

/**
 * Reads a {@link DeliveryReceipt} out of a deliver_sm or data_sm: the appendix-B text of {@code short_message}
 * (or of the {@code message_payload} TLV when short_message is empty) and three TLVs, each of which wins over the
 * text:
 * <ul>
 *   <li>{@code receipted_message_id} (0x001E) over {@code id:};</li>
 *   <li>{@code message_state} (0x0427, one byte, see {@link ReceiptState#ofMessageState}) over {@code stat:};</li>
 *   <li>{@code network_error_code} (0x0423: network type, 2-byte code) is appended to {@code err:} as
 *   {@code net:TYPE/0xCODE}, e.g. {@code net:3/0x0401} for GSM error 0x0401.</li>
 * </ul>
 * So a TLV-only receipt (empty short_message) works too. The id is converted for the carrier's
 * {@link ReceiptIdFormat} by {@link ReceiptIds#forMatching}, i.e. it equals
 * {@code DeliveryReceiptParser.normaliseId(submitId)}; the handset is the source address, digits only.
 */
final class ReceiptPdu {
    private ReceiptPdu() {
    }

    /** The receipt in {@code pdu}; throws {@link IllegalArgumentException} saying what is missing or malformed. */
    static DeliveryReceipt read(byte[] shortMessage, AbstractSmCommand pdu, ReceiptIdFormat idFormat) {
        String text = text(shortMessage, pdu);
        String tlvId = receiptedMessageId(pdu);
        ReceiptState tlvState = messageState(pdu);
        DeliveryReceipt parsed = DeliveryReceiptParser.parse(text, tlvId, tlvState);
        String error = parsed.errorCode();
        String network = networkError(pdu);
        if (network != null) {
            error = error.isEmpty() ? network : error + " " + network;
        }
        return new DeliveryReceipt(ReceiptIds.forMatching(parsed.smscMessageId(), idFormat), parsed.state(), error,
                parsed.submitted(), parsed.delivered(), parsed.submitDate(), parsed.doneDate(), handset(pdu));
    }

    /** The receipt's source address: the handset the message was sent to, digits only, or null. */
    private static String handset(AbstractSmCommand pdu) {
        String source = pdu.getSourceAddr();
        if (source == null) {
            return null;
        }
        String digits = source.startsWith("+") ? source.substring(1) : source;
        return digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) ? null : digits;
    }

    private static String text(byte[] shortMessage, AbstractSmCommand pdu) {
        if (shortMessage != null && shortMessage.length > 0) {
            return new String(shortMessage, StandardCharsets.ISO_8859_1);
        }
        byte[] payload = octets(pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD));
        return payload == null ? "" : new String(payload, StandardCharsets.ISO_8859_1);
    }

    private static String receiptedMessageId(AbstractSmCommand pdu) {
        byte[] value = octets(pdu.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID));
        if (value == null) {
            return null;
        }
        String id = new String(value, StandardCharsets.ISO_8859_1).replace("\0", "").trim();
        return id.isEmpty() ? null : id;
    }

    private static ReceiptState messageState(AbstractSmCommand pdu) {
        OptionalParameter tlv = pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        int value;
        if (tlv == null) {
            return null;
        } else if (tlv instanceof OptionalParameter.Byte b) {
            value = b.getValue() & 0xFF;
        } else {
            byte[] octets = octets(tlv);
            if (octets == null || octets.length != 1) {
                throw new IllegalArgumentException("message_state TLV is not one byte");
            }
            value = octets[0] & 0xFF;
        }
        return ReceiptState.ofMessageState(value).orElse(null);
    }

    /** {@code net:TYPE/0xCODE}; {@code net:0x<hex>} when the TLV is not the 3 bytes it should be; null if absent. */
    private static String networkError(AbstractSmCommand pdu) {
        byte[] value = octets(pdu.getOptionalParameter(OptionalParameter.Tag.NETWORK_ERROR_CODE));
        if (value == null) {
            return null;
        }
        if (value.length != 3) {
            return "net:0x" + HexFormat.of().formatHex(value);
        }
        int code = ((value[1] & 0xFF) << 8) | (value[2] & 0xFF);
        return String.format("net:%d/0x%04x", value[0] & 0xFF, code);
    }

    private static byte[] octets(OptionalParameter tlv) {
        return tlv instanceof OptionalParameter.OctetString s ? s.getValue() : null;
    }
}
