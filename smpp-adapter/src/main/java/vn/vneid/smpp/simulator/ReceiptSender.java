package vn.vneid.smpp.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 */
final class ReceiptSender {
    private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final byte STATE_DELIVERED = 2;
    private static final byte STATE_UNDELIVERABLE = 5;

    private final Faults faults;
    private final ScheduledExecutorService scheduler;
    /** Bound sessions and how they bound. */
    private final Map<SMPPServerSession, BindType> bound;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    ReceiptSender(Faults faults, ScheduledExecutorService scheduler, Map<SMPPServerSession, BindType> bound) {
        this.faults = faults;
        this.scheduler = scheduler;
        this.bound = bound;
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
        boolean tlvOnly = faults.receiptsAsTlvOnly;
        LocalDateTime submitted = LocalDateTime.now();
        scheduler.schedule(() -> send(submitter, sms, submitted, failed, tlvOnly), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    long sentCount() {
        return sent.get();
    }

    long lostCount() {
        return lost.get();
    }

    private void send(SMPPServerSession submitter, ReceivedSms sms, LocalDateTime submitted, boolean failed,
                      boolean tlvOnly) {
        SMPPServerSession session = target(submitter);
        if (session == null) {
            log.debug("SMSC simulator: no session can take the receipt for {}", sms.smscMessageId());
            return;
        }
        String text = tlvOnly ? "" : "id:" + sms.smscMessageId() + " sub:001 dlvrd:" + (failed ? "000" : "001")
                + " submit date:" + RECEIPT_DATE.format(submitted) + " done date:" + RECEIPT_DATE.format(LocalDateTime.now())
                + " stat:" + (failed ? "UNDELIV err:001" : "DELIVRD err:000") + " text:";
        try {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, sms.to(),
                    TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, sms.from(), new ESMClass(0x04),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    text.getBytes(StandardCharsets.ISO_8859_1),
                    new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), sms.smscMessageId()),
                    new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE,
                            failed ? STATE_UNDELIVERABLE : STATE_DELIVERED));
            sent.incrementAndGet();
        } catch (PDUException | ResponseTimeoutException | InvalidResponseException | NegativeResponseException
                 | IOException | IllegalStateException e) {
            // The session may have gone away meanwhile; a real SMSC would retry later, we just drop it.
            log.debug("SMSC simulator could not deliver receipt for {} ({})", sms.smscMessageId(), e.toString());
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
