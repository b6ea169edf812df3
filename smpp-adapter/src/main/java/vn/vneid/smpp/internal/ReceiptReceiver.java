package vn.vneid.smpp.internal;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;

/**
 * Turns deliver_sm receipts (esm_class 0x04) into {@link DeliveryReceipt}s. The {@code receipted_message_id}
 * TLV (0x001E), when present, wins over the text's {@code id:}. It never throws, so jSMPP always answers
 * deliver_sm_resp with success; unparseable receipts are reported to {@code onUnparseable} and logged.
 * Mobile-originated messages are not expected on this route and are acknowledged and dropped.
 */
public final class ReceiptReceiver implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptReceiver.class);

    private final String carrier;
    private final Consumer<DeliveryReceipt> onReceipt;
    private final Runnable onUnparseable;

    public ReceiptReceiver(String carrier, Consumer<DeliveryReceipt> onReceipt, Runnable onUnparseable) {
        this.carrier = carrier;
        this.onReceipt = onReceipt;
        this.onUnparseable = onUnparseable;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
            log.debug("carrier {}: ignoring mobile-originated deliver_sm", carrier);
            return;
        }
        DeliveryReceipt receipt;
        try {
            receipt = parse(deliverSm);
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

    static DeliveryReceipt parse(DeliverSm deliverSm) {
        byte[] body = deliverSm.getShortMessage();
        String text = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
        OptionalParameter tlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        String tlvId = tlv instanceof OptionalParameter.OctetString s ? s.getValueAsString() : null;
        if (tlvId != null) {
            tlvId = tlvId.replace("\0", "").trim();
        }
        if (text.isBlank() && tlvId != null && !tlvId.isEmpty()) {
            throw new IllegalArgumentException("receipt has a receipted_message_id but no text to read stat: from");
        }
        DeliveryReceipt parsed = DeliveryReceiptParser.parse(text);
        if (tlvId == null || tlvId.isEmpty()) {
            return parsed;
        }
        return new DeliveryReceipt(DeliveryReceiptParser.normaliseId(tlvId), parsed.state(), parsed.errorCode(),
                parsed.submitted(), parsed.delivered(), parsed.submitDate(), parsed.doneDate());
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        log.debug("carrier {}: ignoring alert_notification", carrier);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm not supported", 0x03);
    }
}
