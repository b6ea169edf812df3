package vn.vneid.smpp.simulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.encoding.SmsDecoder;
import vn.vneid.smpp.encoding.SmsEncoder;
import vn.vneid.smpp.session.TokenBucket;

/**
 * The simulator's submit_sm handling, in order: count it, wait {@link Faults#submitLatency}, refuse a
 * {@link Faults#throttleFraction} with ESME_RTHROTTLED and every submit_sm beyond the {@link Faults#throttleAbove}
 * rate (a token bucket shared by all sessions, a tenth of a second's burst) likewise, record the segment
 * (short_message, or the message_payload TLV when short_message is empty), have the {@link ReceiptSender} answer it
 * if it asked for a receipt, and once a message is complete tell the listener; then trigger an armed connection
 * drop, and hold the answer for as long as the simulator is unresponsive. Ids are increasing 8-digit hex numbers.
 */
final class SubmitHandler implements SubmitOnlyReceiver.SubmitHandler {
    private static final Logger log = LoggerFactory.getLogger(SubmitHandler.class);
    static final int ESME_RSYSERR = 0x08;
    static final int ESME_RTHROTTLED = 0x58;

    private final Faults faults;
    private final MessageBook book;
    private final ReceiptSender receipts;
    private final MessageListener listener;
    private final Runnable dropAllSessions;
    private final AtomicLong nextId;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong submitSmCount = new AtomicLong();
    private final AtomicLong throttledCount = new AtomicLong();

    SubmitHandler(Faults faults, MessageBook book, ReceiptSender receipts, MessageListener listener,
                  Runnable dropAllSessions, long firstMessageId) {
        this.faults = faults;
        this.book = book;
        this.receipts = receipts;
        this.listener = listener;
        this.dropAllSessions = dropAllSessions;
        this.nextId = new AtomicLong(firstMessageId);
    }

    int maxConcurrentSubmits() {
        return maxInFlight.get();
    }

    /** Waits the whole latency: parkNanos may return early (spuriously, or on a stale permit). */
    private static void holdFor(Duration latency) throws InterruptedException {
        long end = System.nanoTime() + latency.toNanos();
        for (long left = latency.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    long submitSmCount() {
        return submitSmCount.get();
    }

    long throttledCount() {
        return throttledCount.get();
    }

    @Override
    public SubmitSmResult onSubmitSm(SubmitSm submitSm, SMPPServerSession session) throws ProcessRequestException {
        submitSmCount.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Duration latency = faults.submitLatency;
            if (latency != null && !latency.isZero() && !latency.isNegative()) {
                holdFor(latency);
            }
            double throttle = faults.throttleFraction;
            if (throttle > 0 && ThreadLocalRandom.current().nextDouble() < throttle) {
                throttledCount.incrementAndGet();
                throw new ProcessRequestException("throttled", ESME_RTHROTTLED);
            }
            TokenBucket limit = faults.throttleAbove;
            if (limit != null && !limit.tryAcquire()) {
                throttledCount.incrementAndGet();
                throw new ProcessRequestException("throttled: above " + Math.round(limit.rate()) + "/s", ESME_RTHROTTLED);
            }
            String id = String.format("%08X", nextId.getAndIncrement());
            record(submitSm, session, id);
            if (faults.dropNow()) {
                log.info("SMSC simulator: dropping every session (dropConnectionsAfter)");
                dropAllSessions.run();
            }
            if (faults.isUnresponsive()) {
                faults.awaitResponsive();   // the client times out; a late answer is ignored by it
            }
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException | IllegalArgumentException e) {
            throw new ProcessRequestException("bad submit_sm: " + e.getMessage(), ESME_RSYSERR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessRequestException("simulator closing", ESME_RSYSERR);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void record(SubmitSm submitSm, SMPPServerSession session, String id) {
        SmsDecoder.Segment segment = SmsDecoder.decode(submitSm.getDataCoding(), submitSm.getEsmClass(),
                body(submitSm));
        boolean receiptRequested = SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(submitSm.getRegisteredDelivery())
                || SMSCDeliveryReceipt.SUCCESS.containedIn(submitSm.getRegisteredDelivery());
        String encoding = encodingName(submitSm.getDataCoding());
        ReceivedSms sms = book.add(session.getSessionId(), id, submitSm.getSourceAddr(), submitSm.getDestAddress(),
                encoding, segment);
        if (receiptRequested) {
            // As an SMSC does: every submit_sm that asked for a receipt gets its own, naming its own id.
            receipts.onMessage(new ReceivedSms(id, submitSm.getSourceAddr(), submitSm.getDestAddress(), "", 1, encoding,
                    java.time.Instant.now()), session);
        }
        if (sms == null) {
            return;
        }
        if (listener != null) {
            try {
                listener.onMessage(sms);
            } catch (RuntimeException e) {
                log.warn("SMSC simulator message listener failed", e);
            }
        }
    }

    /** short_message, or the message_payload TLV when short_message is empty. */
    static byte[] body(SubmitSm submitSm) {
        byte[] shortMessage = submitSm.getShortMessage();
        if (shortMessage != null && shortMessage.length > 0) {
            return shortMessage;
        }
        OptionalParameter payload = submitSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        if (payload instanceof OptionalParameter.OctetString octets) {
            return octets.getValue();
        }
        return shortMessage;
    }

    private static String encodingName(byte dataCoding) {
        switch (dataCoding) {
            case SmsEncoder.DCS_GSM7: return SmsEncoder.GSM7;
            case SmsEncoder.DCS_UCS2: return SmsEncoder.UCS2;
            default: return String.format("dcs-0x%02x", dataCoding);
        }
    }
}
