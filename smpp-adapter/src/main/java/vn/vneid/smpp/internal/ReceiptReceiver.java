package vn.vneid.smpp.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

/**
 * Turns receipts (deliver_sm, or data_sm, with esm_class 0x04) into {@link DeliveryReceipt}s, hands them to its
 * {@link Sink}, and decides the answer to each from the sink's stage ({@link ReceiptPdu} says how a receipt is
 * read: appendix-B text and TLVs, the id converted for the carrier's {@link ReceiptIdFormat}).
 *
 * <p>Answers: a receipt's deliver_sm_resp (or data_sm_resp) is held until its stage completes, and is status 0
 * when the stage completes normally within {@code answerWithin}, else ESME_RX_T_APPN (0x64, SMPP 3.4's "ESME
 * receiver temporary application error"), so that the SMSC keeps the receipt and sends it again later; the sink
 * is then told ({@link Sink#deferred()}) and the carrier's outage log too. Holding the answer needs no thread:
 * the listener returns at once, leaving the answer (with the PDU's sequence number) on the calling thread, and
 * the {@link SmppClientSession}, which called it on its event loop, takes it right after ({@link #takeAnswer})
 * and writes the response when the answer is known. The loop never waits for the store, and the receipts
 * awaiting an answer are bounded by the SMSC's own window of unanswered deliver_sm and by {@code answerWithin}.
 *
 * <p>Unparseable receipts are answered 0 at once and reported; a sink that throws (a bug, which redelivery
 * cannot cure) is logged and the receipt answered 0. Mobile-originated messages are not expected on this route
 * and are answered 0 and dropped; a data_sm that is not a receipt is refused.
 */
public final class ReceiptReceiver implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptReceiver.class);
    private static final int ESME_RINVCMDID = 0x03;
    private static final int ESME_RSYSERR = 0x08;
    private static final int ANSWER_OK = 0;
    /**
     * How long a receipt's answer waits for its stage by default: between the store's own deadline (the gateway's
     * {@code redis.commandTimeout}, 1 s by default) and the SMSC's deliver_sm_resp timeout (2 s in jSMPP-based
     * SMSCs, more in most others), so that a failing store is answered as a temporary error the SMSC hears.
     */
    public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofMillis(1500);

    /** Where the receiver hands what it reads. */
    @FunctionalInterface
    public interface Sink {
        /** Records {@code receipt}; see {@link vn.vneid.smpp.ReceiptListener} for what the stage means. */
        CompletionStage<Void> receipt(DeliveryReceipt receipt);

        /** A receipt that could not be read (acknowledged: redelivering it cannot help). */
        default void unparseable() {
        }

        /** A receipt answered with a temporary error, for the SMSC to send again. */
        default void deferred() {
        }
    }

    private final String carrier;
    private final ReceiptIdFormat idFormat;
    private final Sink sink;
    private final Duration answerWithin;
    private final ReceiptOutage outage;
    /**
     * The answer the listener just left on this thread, for the session that called it to take next on the
     * same thread; per thread because the receiver serves several sessions, whose sequence numbers overlap.
     */
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    private record Pending(int sequenceNumber, CompletableFuture<Integer> answer) {
    }

    /**
     * A receiver for a carrier's sessions: {@code answerWithin} bounds each answer's wait, {@code outage} is the
     * carrier's.
     */
    public ReceiptReceiver(String carrier, ReceiptIdFormat idFormat, Sink sink, Duration answerWithin,
                           ReceiptOutage outage) {
        this.carrier = carrier;
        this.idFormat = Objects.requireNonNull(idFormat, "idFormat");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (answerWithin == null || answerWithin.isNegative() || answerWithin.isZero()) {
            throw new IllegalArgumentException("answerWithin must be positive, was " + answerWithin);
        }
        this.answerWithin = answerWithin;
        this.outage = Objects.requireNonNull(outage, "outage");
    }

    /** With {@link #DEFAULT_ANSWER_WITHIN} and an outage log of its own. */
    public ReceiptReceiver(String carrier, ReceiptIdFormat idFormat, Sink sink) {
        this(carrier, idFormat, sink, DEFAULT_ANSWER_WITHIN, new ReceiptOutage(carrier, System::nanoTime));
    }

    /** For a carrier whose receipts name ids as submit_sm_resp gave them ({@link ReceiptIdFormat#SAME}). */
    public ReceiptReceiver(String carrier, Sink sink) {
        this(carrier, ReceiptIdFormat.SAME, sink);
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
        pending.remove();
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
            log.debug("carrier {}: ignoring mobile-originated deliver_sm", carrier);
            return;
        }
        accept(deliverSm.getShortMessage(), deliverSm);
    }

    /** A receipt sent as data_sm is handled as a deliver_sm one; any other data_sm is refused. */
    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        pending.remove();
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

    /**
     * The answer (a command_status) to the receipt with PDU sequence number {@code sequenceNumber} that this
     * thread just handed over, taken; null when there is none (not a receipt, unparseable: answered 0 at once).
     * For the session, on the same thread.
     */
    CompletableFuture<Integer> takeAnswer(int sequenceNumber) {
        Pending taken = pending.get();
        pending.remove();
        return taken != null && taken.sequenceNumber() == sequenceNumber ? taken.answer() : null;
    }

    private void accept(byte[] shortMessage, AbstractSmCommand pdu) {
        DeliveryReceipt receipt;
        try {
            receipt = ReceiptPdu.read(shortMessage, pdu, idFormat);
        } catch (IllegalArgumentException e) {
            sink.unparseable();
            log.warn("carrier {}: unparseable delivery receipt ({})", carrier, e.getMessage());
            return;
        }
        pending.set(new Pending(pdu.getSequenceNumber(), answer(receipt)));
    }

    /** 0 once the sink has the receipt safe within {@link #answerWithin}, else ESME_RX_T_APPN. */
    private CompletableFuture<Integer> answer(DeliveryReceipt receipt) {
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        try {
            sink.receipt(receipt).whenComplete((ignored, e) -> {
                if (e == null) {
                    recorded.complete(null);
                } else {
                    recorded.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            log.error("carrier {}: receipt listener failed for smsc id {}; acknowledged, as a redelivery would fail "
                    + "the same way", carrier, receipt.smscMessageId(), e);
            return CompletableFuture.completedFuture(ANSWER_OK);
        }
        return recorded.orTimeout(answerWithin.toMillis(), TimeUnit.MILLISECONDS).handle((ignored, e) -> {
            if (e == null) {
                outage.recorded();
                return ANSWER_OK;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof TimeoutException
                    ? "not recorded within " + answerWithin.toMillis() + " ms" : String.valueOf(cause);
            sink.deferred();
            if (!outage.deferred(why)) {
                log.debug("carrier {}: receipt for smsc id {} deferred ({})", carrier, receipt.smscMessageId(), why);
            }
            return CommandStatuses.ESME_RX_T_APPN;
        });
    }
}
