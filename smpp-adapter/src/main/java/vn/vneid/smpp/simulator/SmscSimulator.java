package vn.vneid.smpp.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.encoding.SmsDecoder;
import vn.vneid.smpp.encoding.SmsEncoder;
import vn.vneid.smpp.internal.LoopbackServerConnectionFactory;

/**
 * An SMSC on 127.0.0.1 built on jSMPP's server side, for tests, the gateway's dev mode and load tests. It
 * binds transmitters, receivers and transceivers with one systemId/password (others get ESME_RBINDFAIL),
 * answers submit_sm with increasing hex ids after an optional latency, refuses a fraction with
 * ESME_RTHROTTLED, sends a DELIVRD receipt (deliver_sm) after an optional delay when one was requested, and
 * records each message reassembled from its segments.
 *
 * <pre>{@code
 * SmscSimulator smsc = SmscSimulator.builder().submitLatency(Duration.ofMillis(2)).start();   // port 0
 * ... smsc.port() ... smsc.awaitMessageTo("84912345678", Duration.ofSeconds(5)) ...
 * smsc.close();                                   // clients see the connection drop
 * SmscSimulator again = builder.port(smsc.port()).start();   // same port, to test reconnect
 * }</pre>
 */
public final class SmscSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    private static final int ESME_RBINDFAIL = 0x0D;
    private static final int ESME_RTHROTTLED = 0x58;
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private final Builder options;
    private final SMPPServerSessionListener listener;
    private final int port;
    private final Thread acceptor;
    private final ExecutorService binder;
    private final ScheduledExecutorService receipts;
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final MessageBook book;
    private final AtomicLong nextId;
    private final AtomicInteger submitsInFlight = new AtomicInteger();
    private final AtomicInteger maxSubmitsInFlight = new AtomicInteger();
    private final AtomicLong submitSmCount = new AtomicLong();
    private final AtomicLong throttledCount = new AtomicLong();
    private volatile boolean running = true;

    private SmscSimulator(Builder options) throws IOException {
        this.options = options.copy();
        this.book = new MessageBook(options.maxRecorded);
        this.nextId = new AtomicLong(options.firstMessageId);
        LoopbackServerConnectionFactory factory = new LoopbackServerConnectionFactory();
        this.listener = new SMPPServerSessionListener(options.port, 0, 128, factory);
        this.port = factory.boundPort();
        listener.setPduProcessorDegree(options.pduProcessorDegree);
        listener.setQueueCapacity(10_000);
        listener.setMessageReceiverListener(new SubmitOnlyReceiver(this::onSubmitSm));
        listener.setSessionStateListener(this::onSessionStateChange);
        AtomicInteger threads = new AtomicInteger();
        this.binder = Executors.newCachedThreadPool(r -> daemon(r, "smsc-sim-bind-" + threads.incrementAndGet()));
        this.receipts = Executors.newScheduledThreadPool(2, r -> daemon(r, "smsc-sim-receipt-" + threads.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, "smsc-sim-accept-" + port);
        acceptor.start();
        log.info("SMSC simulator listening on 127.0.0.1:{}", port);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A simulator with default options on {@code port} (0 = ephemeral). */
    public static SmscSimulator start(int port) {
        return builder().port(port).start();
    }

    public int port() {
        return port;
    }

    /** The last messages received (at most {@code maxRecorded}), oldest first. */
    public List<ReceivedSms> messages() {
        return book.snapshot();
    }

    /** Recorded messages to {@code msisdn} (any form {@link Msisdn#parse} accepts, or the raw address). */
    public List<ReceivedSms> messagesTo(String msisdn) {
        String to = international(msisdn);
        return book.snapshot().stream().filter(m -> m.to().equals(to)).toList();
    }

    /** Messages received since start, including ones no longer recorded. */
    public long receivedCount() {
        return book.total();
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
        return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    /** The most submit_sm this simulator was processing at once (received, not yet answered). */
    public int maxConcurrentSubmits() {
        return maxSubmitsInFlight.get();
    }

    /** submit_sm received (segments, including throttled ones). */
    public long submitSmCount() {
        return submitSmCount.get();
    }

    public long throttledCount() {
        return throttledCount.get();
    }

    /** Closes the listener and drops every session without unbind, as a failing SMSC would. */
    @Override
    public void close() {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the simulator's listener", e);
        }
        for (SMPPServerSession session : sessions) {
            session.close();
        }
        sessions.clear();
        binder.shutdownNow();
        receipts.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("SMSC simulator on port {} closed", port);
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                sessions.add(session);
                binder.execute(() -> awaitBind(session));
            } catch (IOException e) {
                if (running) {
                    log.warn("SMSC simulator accept failed", e);
                }
            } catch (RuntimeException e) {
                if (running) {
                    throw e;
                }
            }
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (options.systemId.equals(request.getSystemId()) && options.password.equals(request.getPassword())) {
                request.accept("SMSCSIM");
            } else {
                log.info("SMSC simulator refused bind of systemId {}", request.getSystemId());
                request.reject(ESME_RBINDFAIL);
                // Closing at once could beat the bind_resp to the wire; give the client time to read it.
                receipts.schedule(session::close, 1, TimeUnit.SECONDS);
            }
        } catch (TimeoutException | IOException | PDUException | IllegalStateException e) {
            log.debug("SMSC simulator: no usable bind ({})", e.toString());
            session.close();
        }
    }

    private void onSessionStateChange(SessionState newState, SessionState oldState, Session source) {
        if (newState == SessionState.CLOSED && source instanceof SMPPServerSession s) {
            sessions.remove(s);
        }
    }

    private SubmitSmResult onSubmitSm(SubmitSm submitSm, SMPPServerSession session) throws ProcessRequestException {
        submitSmCount.incrementAndGet();
        int now = submitsInFlight.incrementAndGet();
        maxSubmitsInFlight.accumulateAndGet(now, Math::max);
        try {
            if (options.submitLatency != null && !options.submitLatency.isZero()) {
                LockSupport.parkNanos(options.submitLatency.toNanos());
            }
            if (options.throttleFraction > 0 && ThreadLocalRandom.current().nextDouble() < options.throttleFraction) {
                throttledCount.incrementAndGet();
                throw new ProcessRequestException("throttled", ESME_RTHROTTLED);
            }
            String id = String.format("%08X", nextId.getAndIncrement());
            SmsDecoder.Segment segment = SmsDecoder.decode(submitSm.getDataCoding(), submitSm.getEsmClass(),
                    submitSm.getShortMessage());
            boolean receiptRequested = SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(submitSm.getRegisteredDelivery())
                    || SMSCDeliveryReceipt.SUCCESS.containedIn(submitSm.getRegisteredDelivery());
            boolean[] sendReceipt = new boolean[1];
            ReceivedSms sms = book.add(session.getSessionId(), id, submitSm.getSourceAddr(), submitSm.getDestAddress(),
                    encodingName(submitSm.getDataCoding()), segment, receiptRequested, sendReceipt);
            if (sms != null) {
                onMessage(sms, session, sendReceipt[0]);
            }
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (org.jsmpp.PDUStringException | IllegalArgumentException e) {
            throw new ProcessRequestException("bad submit_sm: " + e.getMessage(), 0x08);
        } finally {
            submitsInFlight.decrementAndGet();
        }
    }

    private void onMessage(ReceivedSms sms, SMPPServerSession session, boolean receiptRequested) {
        if (options.listener != null) {
            try {
                options.listener.onMessage(sms);
            } catch (RuntimeException e) {
                log.warn("SMSC simulator message listener failed", e);
            }
        }
        Duration delay = options.receiptDelay;
        if (receiptRequested && delay != null && !delay.isNegative()) {
            LocalDateTime submitted = LocalDateTime.now();
            receipts.schedule(() -> sendReceipt(session, sms, submitted), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sendReceipt(SMPPServerSession session, ReceivedSms sms, LocalDateTime submitted) {
        String text = "id:" + sms.smscMessageId() + " sub:001 dlvrd:001 submit date:" + RECEIPT_DATE.format(submitted)
                + " done date:" + RECEIPT_DATE.format(LocalDateTime.now()) + " stat:DELIVRD err:000 text:";
        try {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, sms.to(),
                    TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, sms.from(), new ESMClass(0x04),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    text.getBytes(StandardCharsets.ISO_8859_1),
                    new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), sms.smscMessageId()),
                    new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE, (byte) 2));
        } catch (PDUException | org.jsmpp.extra.ResponseTimeoutException | org.jsmpp.InvalidResponseException
                 | org.jsmpp.extra.NegativeResponseException | IOException | IllegalStateException e) {
            // The session may have gone away meanwhile; a real SMSC would retry later, we just drop it.
            log.debug("SMSC simulator could not deliver receipt for {} ({})", sms.smscMessageId(), e.toString());
        }
    }

    private static String encodingName(byte dataCoding) {
        switch (dataCoding) {
            case SmsEncoder.DCS_GSM7: return SmsEncoder.GSM7;
            case SmsEncoder.DCS_UCS2: return SmsEncoder.UCS2;
            default: return String.format("dcs-0x%02x", dataCoding);
        }
    }

    private static String international(String msisdn) {
        try {
            return Msisdn.parse(msisdn).international();
        } catch (IllegalArgumentException e) {
            return msisdn;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Options; reusable, so the same builder can start the simulator again after a close. */
    public static final class Builder {
        private int port;
        private String systemId = "vneid";
        private String password = "secret";
        private Duration submitLatency = Duration.ZERO;
        private double throttleFraction;
        private Duration receiptDelay;
        private MessageListener listener;
        private int maxRecorded = 100_000;
        private int pduProcessorDegree = 64;
        private long firstMessageId = 1;

        private Builder() {
        }

        /** 0 (the default) picks an ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The only credentials accepted (default vneid / secret). */
        public Builder credentials(String systemId, String password) {
            this.systemId = systemId;
            this.password = password;
            return this;
        }

        public Builder submitLatency(Duration latency) {
            this.submitLatency = latency;
            return this;
        }

        /** Fraction (0..1) of submit_sm answered with ESME_RTHROTTLED, chosen at random. */
        public Builder throttleFraction(double fraction) {
            if (fraction < 0 || fraction > 1) {
                throw new IllegalArgumentException("throttleFraction must be 0..1");
            }
            this.throttleFraction = fraction;
            return this;
        }

        /** Delay before the DELIVRD receipt; null or negative: no receipts (the default). */
        public Builder receiptDelay(Duration delay) {
            this.receiptDelay = delay;
            return this;
        }

        public Builder listener(MessageListener listener) {
            this.listener = listener;
            return this;
        }

        /** How many messages to keep for {@link #messages()} (default 100 000). */
        public Builder maxRecorded(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRecorded must be at least 1");
            }
            this.maxRecorded = max;
            return this;
        }

        /** Threads per session that process PDUs (default 64): the simulator's own window. */
        public Builder pduProcessorDegree(int degree) {
            this.pduProcessorDegree = degree;
            return this;
        }

        /** The first message id to hand out (default 1), e.g. to keep ids increasing across a restart. */
        public Builder firstMessageId(long id) {
            this.firstMessageId = id;
            return this;
        }

        public SmscSimulator start() {
            try {
                return new SmscSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("SMSC simulator could not listen on 127.0.0.1:" + port, e);
            }
        }

        private Builder copy() {
            Builder b = new Builder();
            b.port = port;
            b.systemId = systemId;
            b.password = password;
            b.submitLatency = submitLatency;
            b.throttleFraction = throttleFraction;
            b.receiptDelay = receiptDelay;
            b.listener = listener;
            b.maxRecorded = maxRecorded;
            b.pduProcessorDegree = pduProcessorDegree;
            b.firstMessageId = firstMessageId;
            return b;
        }
    }
}
