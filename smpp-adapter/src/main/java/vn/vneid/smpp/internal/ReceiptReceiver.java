package vn.vneid.smpp.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.ReceiptIdFormat;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;
import vn.vneid.smpp.receipt.ReceiptIds;
import vn.vneid.smpp.receipt.ReceiptState;

/**
 * Turns receipts (deliver_sm, or data_sm, with esm_class 0x04) into {@link DeliveryReceipt}s. It reads the
 * appendix-B text of {@code short_message} (or of the {@code message_payload} TLV when short_message is empty)
 * and three TLVs, each of which wins over the text:
 * <ul>
 *   <li>{@code receipted_message_id} (0x001E) over {@code id:};</li>
 *   <li>{@code message_state} (0x0427, one byte, see {@link ReceiptState#ofMessageState}) over {@code stat:};</li>
 *   <li>{@code network_error_code} (0x0423: network type, 2-byte code) is appended to {@code err:} as
 *   {@code net:TYPE/0xCODE}, e.g. {@code net:3/0x0401} for GSM error 0x0401.</li>
 * </ul>
 * So a TLV-only receipt (empty short_message) works too. The id handed to the listener is already converted for
 * the carrier's {@link ReceiptIdFormat} by {@link ReceiptIds#forMatching}, i.e. it equals
 * {@code DeliveryReceiptParser.normaliseId(submitId)}.
 *
 * <p>It never throws for a deliver_sm, so jSMPP always answers deliver_sm_resp with success; unparseable
 * receipts are reported to {@code onUnparseable} and logged. Mobile-originated messages are not expected on
 * this route and are acknowledged and dropped; a data_sm that is not a receipt is refused.
 */
public final class ReceiptReceiver implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptReceiver.class);
    private static final int ESME_RINVCMDID = 0x03;
    private static final int ESME_RSYSERR = 0x08;

    private final String carrier;
    private final ReceiptIdFormat idFormat;
    private final Consumer<DeliveryReceipt> onReceipt;
    private final Runnable onUnparseable;

    public ReceiptReceiver(String carrier, ReceiptIdFormat idFormat, Consumer<DeliveryReceipt> onReceipt,
                           Runnable onUnparseable) {
        this.carrier = carrier;
        this.idFormat = Objects.requireNonNull(idFormat, "idFormat");
        this.onReceipt = onReceipt;
        this.onUnparseable = onUnparseable;
    }

    /** For a carrier whose receipts name ids as submit_sm_resp gave them ({@link ReceiptIdFormat#SAME}). */
    public ReceiptReceiver(String carrier, Consumer<DeliveryReceipt> onReceipt, Runnable onUnparseable) {
        this(carrier, ReceiptIdFormat.SAME, onReceipt, onUnparseable);
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
            log.debug("carrier {}: ignoring mobile-originated deliver_sm", carrier);
            return;
        }
        accept(deliverSm.getShortMessage(), deliverSm);
    }

    /** A receipt sent as data_sm is handled as a deliver_sm one; any other data_sm is refused. */
    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(dataSm.getEsmClass())) {
            throw new ProcessRequestException("data_sm not supported", ESME_RINVCMDID);
        }
        accept(null, dataSm);
        try {
            return new DataSmResult(new MessageId(""), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("cannot answer data_sm: " + e.getMessage(), ESME_RSYSERR);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        log.debug("carrier {}: ignoring alert_notification", carrier);
    }

    private void accept(byte[] shortMessage, AbstractSmCommand pdu) {
        DeliveryReceipt receipt;
        try {
            receipt = parse(shortMessage, pdu, idFormat);
        } catch (IllegalArgumentException e) {
            onUnparseable.run();
            log.warn("carrier {}: unparseable delivery receipt ({})", carrier, e.getMessage());
            return;
        }
        try {
            onReceipt.accept(receipt);
        } catch (RuntimeException e) {
            // A failing listener must not make us nack the receipt: the SMSC would resend it forever.
            log.error("carrier {}: receipt listener failed for smsc id {}", carrier, receipt.smscMessageId(), e);
        }
    }

    /** The receipt in {@code pdu}; throws {@link IllegalArgumentException} saying what is missing or malformed. */
    static DeliveryReceipt parse(byte[] shortMessage, AbstractSmCommand pdu, ReceiptIdFormat idFormat) {
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
