package vn.vneid.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.ReceiptIdFormat;

/** The bytes on the wire: a receipt's deliver_sm_resp leaves only when its answer is known, with that status. */
class AnsweringPduSenderTest {
    private static final int DELIVER_SM_RESP = 0x80000005;
    private final CompletableFuture<Void> stored = new CompletableFuture<>();
    private final ReceiptReceiver receiver = new ReceiptReceiver("c", ReceiptIdFormat.SAME, r -> stored,
            Duration.ofSeconds(30), Runnable::run, new ReceiptOutage("c", System::nanoTime));
    private final AnsweringPduSender sender = new AnsweringPduSender(new DefaultPDUSender(new DefaultComposer()), receiver);
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    @Test
    void theDeliverSmRespLeavesOnlyOnceTheReceiptIsRecorded() throws Exception {
        receiver.onAcceptDeliverSm(receipt(41));
        sender.sendDeliverSmResp(wire, 0, 41, "");   // what jSMPP does as soon as the listener returns
        assertThat(wire.size()).as("nothing written while the store works").isZero();

        stored.complete(null);

        assertThat(header()).containsExactly(DELIVER_SM_RESP, 0, 41);
    }

    @Test
    void aReceiptThatCannotBeRecordedIsAnsweredEsmeRxTAppn() throws Exception {
        receiver.onAcceptDeliverSm(receipt(42));
        sender.sendDeliverSmResp(wire, 0, 42, "");

        stored.completeExceptionally(new IllegalStateException("Redis is down"));

        assertThat(header()).containsExactly(DELIVER_SM_RESP, CommandStatuses.ESME_RX_T_APPN, 42);
    }

    @Test
    void aResponseWithNoReceiptBehindItLeavesAtOnce() throws Exception {
        DeliverSm mobileOriginated = receipt(43);
        mobileOriginated.setEsmClass((byte) 0);
        receiver.onAcceptDeliverSm(mobileOriginated);
        sender.sendDeliverSmResp(wire, 0, 43, "");

        assertThat(header()).containsExactly(DELIVER_SM_RESP, 0, 43);
    }

    /** command_id, command_status and sequence_number of the one PDU written. */
    private int[] header() {
        ByteBuffer pdu = ByteBuffer.wrap(wire.toByteArray());
        assertThat(pdu.getInt()).as("command_length").isEqualTo(wire.size());
        return new int[] {pdu.getInt(), pdu.getInt(), pdu.getInt()};
    }

    private static DeliverSm receipt(int sequenceNumber) {
        DeliverSm sm = new DeliverSm();
        sm.setEsmClass((byte) 0x04);
        sm.setSequenceNumber(sequenceNumber);
        sm.setShortMessage("id:0A1B stat:DELIVRD err:000".getBytes(StandardCharsets.ISO_8859_1));
        return sm;
    }
}
