package vn.vneid.smpp.session;

import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import vn.vneid.smpp.encoding.EncodedSms;

/**
 * The variable part of one submit_sm for segment {@code index} of an {@link EncodedSms}: esm_class (UDHI 0x40
 * when the segments carry a concatenation UDH), registered_delivery (a receipt is requested for every segment:
 * the gateway counts them and calls a message delivered only when every segment is), short_message, and
 * the TLVs. With {@link EncodedSms#messagePayload()} the one "segment" goes in the {@code message_payload} TLV
 * (0x0424) and short_message is empty, as SMPP 3.4 §5.3.2.32 requires (the two must not both carry text).
 */
record SegmentPdu(ESMClass esmClass, RegisteredDelivery registeredDelivery, byte[] shortMessage,
                  OptionalParameter[] optionalParameters) {
    private static final byte[] EMPTY = new byte[0];
    private static final OptionalParameter[] NONE = new OptionalParameter[0];
    static final short MESSAGE_PAYLOAD = OptionalParameter.Tag.MESSAGE_PAYLOAD.code();

    static SegmentPdu of(EncodedSms encoded, int index) {
        RegisteredDelivery receipt = new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE);
        ESMClass esm = new ESMClass(encoded.udh() ? 0x40 : 0x00);
        byte[] body = encoded.segments().get(index);
        if (encoded.messagePayload()) {
            return new SegmentPdu(esm, receipt, EMPTY,
                    new OptionalParameter[] {new OptionalParameter.OctetString(MESSAGE_PAYLOAD, body)});
        }
        return new SegmentPdu(esm, receipt, body, NONE);
    }
}
