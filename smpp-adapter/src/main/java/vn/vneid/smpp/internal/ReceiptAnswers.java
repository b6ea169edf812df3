package vn.vneid.smpp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's answers to the SMSC's deliver_sm and data_sm: each is decoded with jSMPP and handed to the
 * {@link ReceiptReceiver} on the event loop, and its response leaves when the receiver's answer is known: at once
 * (written with the loop turn's other frames) when the listener's stage is already complete or the PDU is no
 * receipt, else when the stage completes, from whichever thread completes it (Netty hands the write to the
 * loop), at most {@link ReceiptReceiver#DEFAULT_ANSWER_WITHIN} later and with ESME_RX_T_APPN when the receipt
 * could not be recorded. A response the closed connection can no longer take is simply not sent: the SMSC sends
 * the receipt again. A malformed PDU gets a generic_nack with jSMPP's error code.
 */
final class ReceiptAnswers {
    private static final Logger log = LoggerFactory.getLogger(ReceiptAnswers.class);

    private final String label;
    private final ReceiptReceiver receiver;
    private final Consumer<byte[]> writeNow;
    private final Consumer<byte[]> writeLater;

    /**
     * {@code writeNow} writes on the loop without flushing (the loop turn flushes); {@code writeLater} writes and
     * flushes from any thread.
     */
    ReceiptAnswers(String label, ReceiptReceiver receiver, Consumer<byte[]> writeNow, Consumer<byte[]> writeLater) {
        this.label = label;
        this.receiver = receiver;
        this.writeNow = writeNow;
        this.writeLater = writeLater;
    }

    void onDeliverSm(int seq, ByteBuf frame) {
        DeliverSm pdu;
        try {
            pdu = Pdus.DECOMPOSER.deliverSm(ByteBufUtil.getBytes(frame));
        } catch (PDUStringException e) {
            log.warn("carrier bind {}: malformed deliver_sm {} ({})", label, seq, e.getMessage());
            writeNow.accept(Pdus.COMPOSER.genericNack(e.getErrorCode(), seq));
            return;
        }
        receiver.onAcceptDeliverSm(pdu);
        answer(receiver.takeAnswer(seq), status -> Pdus.COMPOSER.deliverSmResp(status, seq, ""));
    }

    void onDataSm(int seq, ByteBuf frame) {
        try {
            DataSm pdu = Pdus.DECOMPOSER.dataSm(ByteBufUtil.getBytes(frame));
            DataSmResult result;
            try {
                result = receiver.onAcceptDataSm(pdu, null);
            } catch (ProcessRequestException e) {
                writeNow.accept(Pdus.withStatus(Pdus.COMPOSER.dataSmResp(seq, ""), e.getErrorCode()));
                return;
            }
            byte[] ok = Pdus.COMPOSER.dataSmResp(seq, result.getMessageId(), result.getOptionalParameters());
            answer(receiver.takeAnswer(seq), status -> Pdus.withStatus(ok.clone(), status));
        } catch (PDUStringException e) {
            log.warn("carrier bind {}: malformed data_sm {} ({})", label, seq, e.getMessage());
            writeNow.accept(Pdus.COMPOSER.genericNack(e.getErrorCode(), seq));
        }
    }

    /** Writes the response now when its status is known (null: no receipt, 0), else when it is. */
    private void answer(CompletableFuture<Integer> status, IntFunction<byte[]> response) {
        if (status == null) {
            writeNow.accept(response.apply(0));
        } else if (status.isDone()) {
            writeNow.accept(response.apply(status.join()));
        } else {
            status.thenAccept(s -> writeLater.accept(response.apply(s)));
        }
    }
}
