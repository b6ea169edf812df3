package vn.vneid.smpp.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
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
import vn.vneid.smpp.receipt.ReceiptState;

/**
 * Turns receipts (deliver_sm, or data_sm, with esm_class 0x04) into {@link DeliveryReceipt}s and answers each
 * only once its {@link Sink} says it is safe. It reads the appendix-B text of {@code short_message} (or of the
 * {@code message_payload} TLV when short_message is empty) and three TLVs, each of which wins over the text:
 * <ul>
 *   <li>{@code receipted_message_id} (0x001E) over {@code id:};</li>
 *   <li>{@code message_state} (0x0427, one byte, see {@link ReceiptState#ofMessageState}) over {@code stat:};</li>
 *   <li>{@code network_error_code} (0x0423: network type, 2-byte code) is appended to {@code err:} as
 *   {@code net:TYPE/0xCODE}, e.g. {@code net:3/0x0401} for GSM error 0x0401.</li>
 * </ul>
 * So a TLV-only receipt (empty short_message) works too. The id handed on is already converted for the
 * carrier's {@link ReceiptIdFormat} by {@link ReceiptIds#forMatching}, i.e. it equals
 * {@code DeliveryReceiptParser.normaliseId(submitId)}.
 *
 * <p>Answers: a receipt is acknowledged (deliver_sm_resp, status 0) when the sink's stage completes normally
 * within {@link Limits#answerWithin()}; when the stage fails, or is not complete by then, or {@link Limits#maxWaiting()}
 * receipts of this session already wait, the deliver_sm is answered ESME_RX_T_APPN (0x64, the SMPP 3.4 status
 * for "ESME receiver temporary application error") so that the SMSC keeps it and sends it again later, and the
 * sink is told ({@link Sink#deferred()}). Unparseable receipts are acknowledged and reported; a sink that throws
 * (a bug, which redelivery cannot cure) is logged and the receipt acknowledged. Mobile-originated messages are not
 * expected on this route and are acknowledged and dropped; a data_sm that is not a receipt is refused.
 *
 * <p>Threads: jSMPP 3.0.2 runs a session's incoming PDUs (deliver_sm, but also every submit_sm_resp and
 * enquire_link) on a pool of {@link JsmppSessions#PDU_THREADS} threads fed by a queue of 100, and answers a
 * deliver_sm when this listener returns, so the wait happens on one of those threads. Hence one receiver per
 * session and {@code maxWaiting} below the pool size: however slow the store, two threads stay free for the
 * submit_sm_resp. With a store answering in about a millisecond that is thousands of receipts a second per
 * session; when the store is slow, the excess is deferred at once rather than queued (the SMSC holds it).
 * On an event loop (issue 10) the answer can simply be sent when the stage completes.
 */
public final class ReceiptReceiver implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptReceiver.class);
    private static final int ESME_RINVCMDID = 0x03;
    private static final int ESME_RSYSERR = 0x08;

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

    /**
     * How long a receipt may wait for its stage, and how many of one session's receipts may wait at once.
     * {@code answerWithin} sits between the store's own deadline (the gateway's {@code redis.commandTimeout},
     * 1 s by default) and the SMSC's deliver_sm_resp timeout (2 s in jSMPP-based SMSCs, more in most others), so
     * that a failing store is reported as a temporary error and the SMSC hears it rather than timing out.
     */
    public record Limits(Duration answerWithin, int maxWaiting) {
        /** 1.5 s; {@link JsmppSessions#PDU_THREADS} − 2 waiting (6). */
        public static final Limits DEFAULT = new Limits(Duration.ofMillis(1500), JsmppSessions.PDU_THREADS - 2);

        public Limits {
            if (answerWithin == null || answerWithin.isNegative() || answerWithin.isZero()) {
                throw new IllegalArgumentException("receipt answerWithin must be positive, was " + answerWithin);
            }
            if (maxWaiting < 1) {
                throw new IllegalArgumentException("maxWaiting must be at least 1, was " + maxWaiting);
            }
        }
    }

    /** Answers a receipt that cannot be recorded now; no stack trace (it is an expected outcome, logged by jSMPP). */
    private static final class Deferred extends ProcessRequestException {
        Deferred(String why) {
            super("receipt not recorded, send it again later: " + why, CommandStatuses.ESME_RX_T_APPN);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final String carrier;
    private final ReceiptIdFormat idFormat;
    private final Sink sink;
    private final Limits limits;
    private final Semaphore waiting;
    private final ReceiptOutage outage;

    /** One session's receiver; {@code outage} is the carrier's, shared by its sessions. */
    public ReceiptReceiver(String carrier, ReceiptIdFormat idFormat, Sink sink, Limits limits, ReceiptOutage outage) {
        this.carrier = carrier;
        this.idFormat = Objects.requireNonNull(idFormat, "idFormat");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.waiting = new Semaphore(limits.maxWaiting());
        this.outage = Objects.requireNonNull(outage, "outage");
    }

    /** With the default limits and an outage log of its own. */
    public ReceiptReceiver(String carrier, ReceiptIdFormat idFormat, Sink sink) {
        this(carrier, idFormat, sink, Limits.DEFAULT, new ReceiptOutage(carrier, System::nanoTime));
    }

    /** For a carrier whose receipts name ids as submit_sm_resp gave them ({@link ReceiptIdFormat#SAME}). */
    public ReceiptReceiver(String carrier, Sink sink) {
        this(carrier, ReceiptIdFormat.SAME, sink);
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
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

    private void accept(byte[] shortMessage, AbstractSmCommand pdu) throws ProcessRequestException {
        DeliveryReceipt receipt;
        try {
            receipt = ReceiptPdu.read(shortMessage, pdu, idFormat);
        } catch (IllegalArgumentException e) {
            sink.unparseable();
            log.warn("carrier {}: unparseable delivery receipt ({})", carrier, e.getMessage());
            return;
        }
        if (!waiting.tryAcquire()) {
            throw defer(receipt, limits.maxWaiting() + " receipts of this session already wait for the store");
        }
        try {
            awaitRecorded(receipt);
        } finally {
            waiting.release();
        }
    }

    private void awaitRecorded(DeliveryReceipt receipt) throws ProcessRequestException {
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
            return;
        }
        try {
            recorded.get(limits.answerWithin().toNanos(), TimeUnit.NANOSECONDS);
            outage.recorded();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw defer(receipt, String.valueOf(cause));
        } catch (TimeoutException e) {
            throw defer(receipt, "not recorded within " + limits.answerWithin().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw defer(receipt, "interrupted while waiting for the store");
        }
    }

    private ProcessRequestException defer(DeliveryReceipt receipt, String why) {
        sink.deferred();
        if (!outage.deferred(why)) {
            log.debug("carrier {}: receipt for smsc id {} deferred ({})", carrier, receipt.smscMessageId(), why);
        }
        return new Deferred(why);
    }
}
