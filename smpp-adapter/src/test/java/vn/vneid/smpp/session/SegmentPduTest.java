package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.encoding.EncodedSms;
import vn.vneid.smpp.encoding.SmsEncoder;

class SegmentPduTest {

    @Test
    void messagePayloadGoesInTlv0424WithAnEmptyShortMessage() {
        byte[] text = "x".repeat(400).getBytes(StandardCharsets.US_ASCII);
        EncodedSms encoded = new EncodedSms(SmsEncoder.DCS_GSM7, List.of(text), false, SmsEncoder.GSM7, true, 3);

        SegmentPdu pdu = SegmentPdu.of(encoded, 0);

        assertThat(pdu.shortMessage()).isEmpty();
        assertThat(pdu.optionalParameters()).hasSize(1);
        OptionalParameter tlv = pdu.optionalParameters()[0];
        assertThat(tlv.tag).isEqualTo((short) 0x0424);
        assertThat(((OptionalParameter.OctetString) tlv).getValue()).isEqualTo(text);
        assertThat(pdu.esmClass().value()).isZero();
        assertThat(SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(pdu.registeredDelivery())).isTrue();
    }

    @Test
    void udhSegmentsSetUdhiAndAskForAReceiptOnEverySegment() {
        EncodedSms encoded = SmsEncoder.encode("a".repeat(200), 7);

        SegmentPdu first = SegmentPdu.of(encoded, 0);
        SegmentPdu last = SegmentPdu.of(encoded, 1);

        assertThat(first.esmClass().value()).isEqualTo((byte) 0x40);
        assertThat(first.shortMessage()).isEqualTo(encoded.segments().get(0));
        assertThat(first.optionalParameters()).isEmpty();
        assertThat(SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(first.registeredDelivery())).isTrue();
        assertThat(SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(last.registeredDelivery())).isTrue();
    }
}
