package vn.vneid.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.ReceiptState;

class ReceiptReceiverTest {
    private final List<DeliveryReceipt> receipts = new ArrayList<>();
    private final AtomicInteger unparseable = new AtomicInteger();
    private final ReceiptReceiver receiver = new ReceiptReceiver("c", receipts::add, unparseable::incrementAndGet);

    @Test
    void receiptedMessageIdTlvWinsOverTheTextIdAndIsNormalised() {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:999 sub:001 dlvrd:001 stat:DELIVRD err:000",
                new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), "0000ABC1")));

        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.smscMessageId()).isEqualTo("abc1");
            assertThat(r.state()).isEqualTo(ReceiptState.DELIVRD);
        });
    }

    @Test
    void withoutTheTlvTheTextIdIsUsed() {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:0999 stat:UNDELIV err:001"));

        assertThat(receipts).singleElement().extracting(DeliveryReceipt::smscMessageId).isEqualTo("999");
    }

    @Test
    void garbledReceiptIsCountedNotThrownSoDeliverSmIsStillAnswered() {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "this is not a receipt"));

        assertThat(receipts).isEmpty();
        assertThat(unparseable).hasValue(1);
    }

    @Test
    void mobileOriginatedMessageIsNotTakenForAReceipt() {
        receiver.onAcceptDeliverSm(deliverSm(0x00, "id:1 stat:DELIVRD"));

        assertThat(receipts).isEmpty();
        assertThat(unparseable).hasValue(0);
    }

    @Test
    void aFailingListenerDoesNotEscape() {
        ReceiptReceiver failing = new ReceiptReceiver("c", r -> {
            throw new IllegalStateException("boom");
        }, () -> { });

        failing.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:DELIVRD"));
    }

    private static DeliverSm deliverSm(int esmClass, String text, OptionalParameter... tlvs) {
        DeliverSm sm = new DeliverSm();
        sm.setEsmClass((byte) esmClass);
        sm.setShortMessage(text.getBytes(StandardCharsets.ISO_8859_1));
        sm.setOptionalParameters(tlvs);
        return sm;
    }
}
