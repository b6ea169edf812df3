package vn.vneid.smpp.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends delivery receipts (deliver_sm, esm_class 0x04) for received messages that asked for one, after
 * {@link Faults#receiptDelay}: DELIVRD err:000, or UNDELIV err:001 for a {@link Faults#receiptFailFraction}; a
 * {@link Faults#receiptLossFraction} is never sent. The text is the usual {@code id:… stat:… err:…} with the
 * receipted_message_id and message_state TLVs, or, with {@link Faults#receiptsAsTlvOnly}, an empty text and the
 * TLVs only. A receipt goes to the session that submitted when it can receive (a transceiver), else to any
 * bound receiver or transceiver of the simulator, as SMSCs route receipts by account.
 *
 * <p>As an SMSC keeps a receipt until the ESME has acknowledged it, a receipt that is answered with an error
 * status, not answered within the session's response timeout (jSMPP's 2 s), or finds no session to take it, is
 * sent again after {@link Faults#receiptRedelivery}'s interval, up to its number of tries; then it is given up.
 * Sends block until their deliver_sm_resp, so they run on a pool of their own, not on the timer threads.
 */
final class ReceiptSender {
    private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final byte STATE_DELIVERED = 2;
    private static final byte STATE_UNDELIVERABLE = 5;
    /** Threads that send receipts (each waits for its deliver_sm_resp). */
    private static final int SENDERS = 16;

    private final Faults faults;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    /** Bound sessions and how they bound. */
    private final Map<SMPPServerSession, BindType> bound;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();

    /** One receipt to send until acknowledged or out of tries. */
    private static final class Pending {
        final ReceivedSms sms;
        final SMPPServerSession submitter;
        final LocalDateTime submitted;
        final boolean failed;
        final boolean tlvOnly;
        int tries;

        Pending(ReceivedSms sms, SMPPServerSession submitter, LocalDateTime submitted, boolean failed, boolean tlvOnly) {
            this.sms = sms;
            this.submitter = submitter;
            this.submitted = submitted;
            this.failed = failed;
            this.tlvOnly = tlvOnly;
        }
    }

    ReceiptSender(Faults faults, ScheduledExecutorService scheduler, Map<SMPPServerSession, BindType> bound) {
        this.faults = faults;
        this.scheduler = scheduler;
        this.bound = bound;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(SENDERS,
                r -> SmscSimulator.daemon(r, "smsc-sim-receipt-send-" + threads.incrementAndGet()));
    }

    void onMessage(ReceivedSms sms, SMPPServerSession submitter) {
        Duration delay = faults.receiptDelay;
        if (delay == null || delay.isNegative()) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (faults.receiptLossFraction > 0 && random.nextDouble() < faults.receiptLossFraction) {
            lost.incrementAndGet();
            return;
        }
        boolean failed = faults.receiptFailFraction > 0 && random.nextDouble() < faults.receiptFailFraction;
        later(new Pending(sms, submitter, LocalDateTime.now(), failed, faults.receiptsAsTlvOnly), delay);
    }

    /** Receipts acknowledged with success. */
    long sentCount() {
        return sent.get();
    }

    long lostCount() {
        return lost.get();
    }

    /** Sends after the first one that was not acknowledged. */
    long redeliveredCount() {
        return redelivered.get();
    }

    /** Receipts never acknowledged within their tries. */
    long givenUpCount() {
        return givenUp.get();
    }

    /** Sends of a deliver_sm that got no deliver_sm_resp within the session's response timeout. */
    long unansweredCount() {
        return unanswered.get();
    }

    void close() {
        senders.shutdownNow();
    }

    private void later(Pending pending, Duration delay) {
        try {
            scheduler.schedule(() -> senders.execute(() -> attempt(pending)), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("SMSC simulator closing: receipt for {} not sent", pending.sms.smscMessageId());
        }
    }

    private void attempt(Pending pending) {
        pending.tries++;
        String failure = send(pending);
        if (failure == null) {
            sent.incrementAndGet();
            return;
        }
        Faults.Redelivery redelivery = faults.receiptRedelivery;
        if (pending.tries < redelivery.maxTries()) {
            redelivered.incrementAndGet();
            log.debug("SMSC simulator: receipt for {} not acknowledged ({}); sending it again in {} ms",
                    pending.sms.smscMessageId(), failure, redelivery.interval().toMillis());
            later(pending, redelivery.interval());
        } else {
            givenUp.incrementAndGet();
            log.info("SMSC simulator gives up the receipt for {} after {} tries ({})", pending.sms.smscMessageId(),
                    pending.tries, failure);
        }
    }

    /** Sends the receipt; null when it was acknowledged with success, else what went wrong. */
    private String send(Pending pending) {
        ReceivedSms sms = pending.sms;
        SMPPServerSession session = target(pending.submitter);
        if (session == null) {
            return "no bound session can take it";
        }
        boolean failed = pending.failed;
        String text = pending.tlvOnly ? "" : "id:" + sms.smscMessageId() + " sub:001 dlvrd:" + (failed ? "000" : "001")
                + " submit date:" + RECEIPT_DATE.format(pending.submitted) + " done date:"
                + RECEIPT_DATE.format(LocalDateTime.now())
                + " stat:" + (failed ? "UNDELIV err:001" : "DELIVRD err:000") + " text:";
        try {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, sms.to(),
                    TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, sms.from(), new ESMClass(0x04),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    text.getBytes(StandardCharsets.ISO_8859_1),
                    new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), sms.smscMessageId()),
                    new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE,
                            failed ? STATE_UNDELIVERABLE : STATE_DELIVERED));
            return null;
        } catch (NegativeResponseException e) {
            return "answered command_status 0x" + Integer.toHexString(e.getCommandStatus());
        } catch (ResponseTimeoutException e) {
            unanswered.incrementAndGet();
            return "no deliver_sm_resp in time";
        } catch (PDUException | InvalidResponseException | IOException | IllegalStateException e) {
            return e.toString();   // the session may have gone away meanwhile
        }
    }

    private SMPPServerSession target(SMPPServerSession submitter) {
        if (bound.get(submitter) == BindType.BIND_TRX && submitter.getSessionState().isBound()) {
            return submitter;
        }
        return bound.entrySet().stream()
                .filter(e -> e.getValue() != BindType.BIND_TX && e.getKey().getSessionState().isBound())
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
