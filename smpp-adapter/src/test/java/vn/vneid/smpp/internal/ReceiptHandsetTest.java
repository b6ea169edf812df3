package vn.vneid.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.ReceiptIdFormat;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.receipt.DeliveryReceipt;

/** A receipt names the handset it is about (its source address), so an unanswered submit can still be settled. */
class ReceiptHandsetTest {

    @Test
    void theReceiptsSourceAddressIsTheHandset() throws Exception {
        assertThat(receive("84912345678").handset()).isEqualTo("84912345678");
        assertThat(receive("+84912345678").handset()).isEqualTo("84912345678");
    }

    @Test
    void aNonNumericOrMissingSourceGivesNoHandset() throws Exception {
        assertThat(receive("VNeID").handset()).isNull();
        assertThat(receive(null).handset()).isNull();
    }

    private static DeliveryReceipt receive(String source) throws Exception {
        List<DeliveryReceipt> got = new ArrayList<>();
        ReceiptReceiver receiver = new ReceiptReceiver("viettel", ReceiptIdFormat.SAME, r -> {
            got.add(r);
            return ReceiptListener.DONE;
        });
        DeliverSm sm = new DeliverSm();
        sm.setEsmClass((byte) 0x04);
        sm.setSourceAddr(source);
        sm.setShortMessage(("id:1a2b sub:001 dlvrd:001 submit date:2603010800 done date:2603010801 stat:DELIVRD err:000 text:")
                .getBytes(StandardCharsets.ISO_8859_1));
        receiver.onAcceptDeliverSm(sm);
        assertThat(got).hasSize(1);
        return got.get(0);
    }
}
