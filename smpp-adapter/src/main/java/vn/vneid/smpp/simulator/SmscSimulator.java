package vn.vneid.smpp.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BindType;
import org.jsmpp.session.SMPPServerSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.internal.LoopbackServerConnectionFactory;

/**
 * An SMSC on 127.0.0.1 built on jSMPP's server side, for tests, the gateway's dev mode and load tests. It
 * binds transmitters, receivers and transceivers with one systemId/password (others get ESME_RBINDFAIL),
 * answers submit_sm ({@link SubmitHandler}) with increasing hex ids, sends receipts when asked
 * ({@link ReceiptSender}), and records each message reassembled from its segments. Several carriers are
 * several simulators, each on its own port.
 *
 * <p>Faults are set with the builder or at run time, from any thread, effective for the next PDU:
 * {@link #refuseBinds}, {@link #dropConnectionsAfter}, {@link #unresponsive}, {@link #throttleFraction},
 * {@link #throttleAbove}, {@link #submitLatency}, and for receipts {@link #receiptDelay}, {@link #receiptLossFraction},
 * {@link #receiptFailFraction}, {@link #receiptsAsTlvOnly}, {@link #receiptRedelivery}. A receipt the client does
 * not acknowledge (an error status, no answer in time, no session) is sent again, every second up to 60 times
 * by default, as an SMSC keeps it until acknowledged.
 *
 * <pre>{@code
 * SmscSimulator smsc = SmscSimulator.builder().submitLatency(Duration.ofMillis(2)).start();   // port 0
 * ... smsc.port() ... smsc.awaitMessageTo("84912345678", Duration.ofSeconds(5)) ...
 * smsc.throttleFraction(0.3);                     // from now on, 30 % of submit_sm are throttled
 * smsc.throttleAbove(1000);                       // and every submit_sm beyond 1,000 a second
 * smsc.dropConnectionsAfter(300);                 // the 300th submit_sm from now drops every session
 * smsc.close();                                   // clients see the connection drop
 * SmscSimulator again = builder.port(smsc.port()).start();   // same port, to test reconnect
 * }</pre>
 */
public final class SmscSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    private final Faults faults;
    private final int port;
    private final ScheduledExecutorService timers;
    private final ServerSessions sessions;
    private final MessageBook book;
    private final SubmitHandler submits;
    private final ReceiptSender receipts;

    SmscSimulator(SmscSimulatorBuilder options) throws IOException {
        this.faults = options.faults();
        this.book = new MessageBook(options.maxRecorded);
        AtomicInteger threads = new AtomicInteger();
        this.timers = Executors.newScheduledThreadPool(2, r -> daemon(r, "smsc-sim-receipt-" + threads.incrementAndGet()));
        LoopbackServerConnectionFactory factory = new LoopbackServerConnectionFactory();
        SMPPServerSessionListener listener = new SMPPServerSessionListener(options.port, 0, 128, factory);
        this.port = factory.boundPort();
        this.sessions = new ServerSessions(listener, port, faults, options.systemId, options.password, timers);
        this.receipts = new ReceiptSender(faults, timers, sessions.bound());
        this.submits = new SubmitHandler(faults, book, receipts, options.listener, sessions::dropAllSoon,
                options.firstMessageId);
        listener.setPduProcessorDegree(options.pduProcessorDegree);
        listener.setQueueCapacity(10_000);
        listener.setMessageReceiverListener(new SubmitOnlyReceiver(submits));
        sessions.start();
        log.info("SMSC simulator listening on 127.0.0.1:{}", port);
    }

    public static SmscSimulatorBuilder builder() {
        return new SmscSimulatorBuilder();
    }

    /** A simulator with default options on {@code port} (0 = ephemeral). */
    public static SmscSimulator start(int port) {
        return builder().port(port).start();
    }

    public int port() {
        return port;
    }

    // --- faults, settable at run time ---

    /** While true, every bind is answered ESME_RBINDFAIL, whatever the credentials. */
    public void refuseBinds(boolean refuse) {
        faults.refuseBinds = refuse;
    }

    /**
     * One-shot: after {@code submits} more submit_sm (the last one is recorded and may or may not be answered; 0: now),
     * every session is closed abruptly, without unbind, as a crashing SMSC would; the listener stays open.
     */
    public void dropConnectionsAfter(int submits) {
        if (submits == 0) {
            sessions.dropAll();
        } else {
            faults.dropAfter(submits);
        }
    }

    /** While true, submit_sm are received and recorded but never answered (the client sees a timeout). */
    public void unresponsive(boolean on) {
        faults.unresponsive(on);
    }

    /** Fraction (0..1) of submit_sm answered ESME_RTHROTTLED (not recorded), chosen at random. */
    public void throttleFraction(double fraction) {
        faults.throttleFraction = Faults.fraction(fraction, "throttleFraction");
    }

    /**
     * Every submit_sm beyond {@code perSecond} a second, over all sessions (a token bucket with a tenth of a
     * second's burst), is answered ESME_RTHROTTLED (not recorded), as a carrier enforcing a TPS does; 0: no limit.
     */
    public void throttleAbove(int perSecond) {
        faults.throttleAbove = Faults.perSecondLimit(perSecond);
    }

    /** How long each submit_sm is held before its answer. */
    public void submitLatency(Duration latency) {
        faults.submitLatency = latency == null ? Duration.ZERO : latency;
    }

    /** Delay before each receipt; null or negative: no receipts. */
    public void receiptDelay(Duration delay) {
        faults.receiptDelay = delay;
    }

    /** Fraction (0..1) of receipts never sent. */
    public void receiptLossFraction(double fraction) {
        faults.receiptLossFraction = Faults.fraction(fraction, "receiptLossFraction");
    }

    /** Fraction (0..1) of receipts sent as UNDELIV err:001 instead of DELIVRD. */
    public void receiptFailFraction(double fraction) {
        faults.receiptFailFraction = Faults.fraction(fraction, "receiptFailFraction");
    }

    /** When true, receipts have an empty text: only the receipted_message_id and message_state TLVs. */
    public void receiptsAsTlvOnly(boolean tlvOnly) {
        faults.receiptsAsTlvOnly = tlvOnly;
    }

    /**
     * A receipt answered with an error status, not answered in time or with no session to take it is sent again
     * every {@code interval}, {@code maxTries} sends in all (1: never again); default every 1 s, 60 tries.
     */
    public void receiptRedelivery(Duration interval, int maxTries) {
        faults.receiptRedelivery = new Faults.Redelivery(interval, maxTries);
    }

    // --- what it saw ---

    /** The last messages received (at most {@code maxRecorded}), oldest first. */
    public List<ReceivedSms> messages() {
        return book.snapshot();
    }

    /** Recorded messages to {@code msisdn} (any form {@link Msisdn#parse} accepts, or the raw address). */
    public List<ReceivedSms> messagesTo(String msisdn) {
        String to = international(msisdn);
        return book.snapshot().stream().filter(m -> m.to().equals(to)).toList();
    }

    /**
     * The newest {@code limit} recorded messages whose destination starts with {@code toPrefix} (international
     * form; "" for all), oldest first.
     */
    public List<ReceivedSms> latestMessages(String toPrefix, int limit) {
        return book.latest(m -> m.to().startsWith(toPrefix), limit);
    }

    /** The newest {@code limit} recorded messages to {@code msisdn} (any form {@link Msisdn#parse} accepts), oldest first. */
    public List<ReceivedSms> latestMessagesTo(String msisdn, int limit) {
        String to = international(msisdn);
        return book.latest(m -> m.to().equals(to), limit);
    }

    /** Messages received since start, including ones no longer recorded. */
    public long receivedCount() {
        return book.total();
    }

    /** Messages received with the same destination and text as an earlier one (among the last maxRecorded). */
    public long duplicateCount() {
        return book.duplicates();
    }

    /** Waits until {@code count} messages have been received; returns the recorded ones. */
    public List<ReceivedSms> awaitMessages(int count, Duration timeout) throws TimeoutException, InterruptedException {
        return book.awaitTotal(count, timeout);
    }

    public ReceivedSms awaitMessageTo(String msisdn, Duration timeout) throws TimeoutException, InterruptedException {
        String to = international(msisdn);
        return book.awaitFirst(m -> m.to().equals(to), timeout, "to " + Msisdn.mask(to));
    }

    /** Sessions currently bound. */
    public int boundSessions() {
        return sessions.boundCount();
    }

    /** Sessions currently bound with {@code type} (transmitter, receiver, transceiver). */
    public int boundSessions(BindType type) {
        return (int) sessions.bound().entrySet().stream()
                .filter(e -> e.getValue() == type && e.getKey().getSessionState().isBound()).count();
    }

    /** Bind requests received, accepted or refused. */
    public long bindRequestCount() {
        return sessions.bindRequests();
    }

    /** The most submit_sm this simulator was processing at once (received, not yet answered). */
    public int maxConcurrentSubmits() {
        return submits.maxConcurrentSubmits();
    }

    /** submit_sm received (segments, including throttled ones). */
    public long submitSmCount() {
        return submits.submitSmCount();
    }

    /** submit_sm answered ESME_RTHROTTLED. */
    public long throttledCount() {
        return submits.throttledCount();
    }

    /** Receipts acknowledged by the client (deliver_sm_resp with success). */
    public long receiptsAcknowledged() {
        return receipts.sentCount();
    }

    /** Receipts sent again because the previous send was not acknowledged. */
    public long receiptRedeliveries() {
        return receipts.redeliveredCount();
    }

    /** Receipts never acknowledged within their tries, given up. */
    public long receiptsGivenUp() {
        return receipts.givenUpCount();
    }

    /**
     * deliver_sm sent and never answered within the session's response timeout (jSMPP's 2 s), each send counted
     * (a receipt that times out twice counts twice); 0 for a client that answers every one in time.
     */
    public long receiptsUnanswered() {
        return receipts.unansweredCount();
    }

    /** Closes the listener and drops every session without unbind, as a failing SMSC would. */
    @Override
    public void close() {
        faults.releaseAll();
        sessions.close();
        timers.shutdownNow();
        receipts.close();
        log.info("SMSC simulator on port {} closed", port);
    }

    private static String international(String msisdn) {
        try {
            return Msisdn.parse(msisdn).international();
        } catch (IllegalArgumentException e) {
            return msisdn;
        }
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
