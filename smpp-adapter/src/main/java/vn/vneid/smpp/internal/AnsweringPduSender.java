package vn.vneid.smpp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.jsmpp.PDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.OptionalParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jSMPP's synchronized PDU sender, except for the answers to receipts: jSMPP writes a deliver_sm_resp (or
 * data_sm_resp) as soon as the listener returns, on the PDU thread; when the {@link ReceiptReceiver} left an
 * answer for that sequence number, this writes the response only once the answer is known, with its status,
 * from the receiver's executor (at once, on the PDU thread, when it is known already). A response that cannot be
 * written any more (the session closed meanwhile) is simply not sent: the SMSC, without an answer, sends the
 * receipt again. Every other PDU goes through unchanged.
 */
final class AnsweringPduSender extends SynchronizedPDUSender {
    private static final Logger log = LoggerFactory.getLogger(AnsweringPduSender.class);
    private static final byte[] NOT_YET = new byte[0];

    private final ReceiptReceiver receiver;

    AnsweringPduSender(PDUSender sender, ReceiptReceiver receiver) {
        super(sender);
        this.receiver = receiver;
    }

    @Override
    public byte[] sendDeliverSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId)
            throws IOException {
        CompletableFuture<Integer> answer = receiver.takeAnswer(sequenceNumber);
        if (answer == null || commandStatus != 0) {
            return super.sendDeliverSmResp(os, commandStatus, sequenceNumber, messageId);
        }
        if (answer.isDone()) {
            return super.sendDeliverSmResp(os, answer.join(), sequenceNumber, messageId);
        }
        answer.thenAcceptAsync(status -> {
            try {
                super.sendDeliverSmResp(os, status, sequenceNumber, messageId);
            } catch (IOException e) {
                log.debug("deliver_sm_resp {} not sent, the SMSC will send the receipt again ({})", sequenceNumber,
                        e.toString());
            }
        }, receiver.answerOn());
        return NOT_YET;
    }

    @Override
    public byte[] sendDataSmResp(OutputStream os, int sequenceNumber, String messageId,
                                 OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        return sendDataSmResp(os, 0, sequenceNumber, messageId, optionalParameters);
    }

    @Override
    public byte[] sendDataSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId,
                                 OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        CompletableFuture<Integer> answer = receiver.takeAnswer(sequenceNumber);
        if (answer == null || commandStatus != 0) {
            return super.sendDataSmResp(os, commandStatus, sequenceNumber, messageId, optionalParameters);
        }
        if (answer.isDone()) {
            return super.sendDataSmResp(os, answer.join(), sequenceNumber, messageId, optionalParameters);
        }
        answer.thenAcceptAsync(status -> {
            try {
                super.sendDataSmResp(os, status, sequenceNumber, messageId, optionalParameters);
            } catch (IOException | PDUStringException e) {
                log.debug("data_sm_resp {} not sent, the SMSC will send the receipt again ({})", sequenceNumber,
                        e.toString());
            }
        }, receiver.answerOn());
        return NOT_YET;
    }
}
