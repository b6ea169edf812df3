package vn.vneid.smpp.session;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.internal.JsmppSessions;
import vn.vneid.smpp.internal.ReceiptReceiver;

/**
 * One bind of a carrier (transceiver or transmitter, per {@link CarrierConfig#bindMode()}) and its lifecycle
 * ({@link BindState}). Connecting and reconnecting run on the carrier's scheduler, never on the caller's thread;
 * after a failed bind or an unexpected close it waits an exponential back-off with jitter between the config's
 * reconnect minimum and maximum. The back-off keeps growing while binds fail or sessions die young (a session
 * that stayed up {@link #STABLE_AFTER} starts again from the minimum), so a refusing or flapping SMSC is not
 * hammered. enquire_link runs inside the jSMPP session at the configured interval; a missing enquire_link_resp
 * closes the session, which lands here as an unexpected close. Sender threads call {@link #awaitBound} to get
 * the live session and {@link #onSessionUnusable} when they find it dead before jSMPP said so.
 */
final class CarrierBind {
    private static final Logger log = LoggerFactory.getLogger(CarrierBind.class);

    /** Told when the bind goes up or down, to keep gauges and availability right. */
    interface Events {
        void bound(CarrierBind bind);

        void unbound(CarrierBind bind);
    }

    private final String label;
    private final CarrierConfig config;
    private final ScheduledExecutorService scheduler;
    private final ReceiptReceiver receiver;
    private final Events events;
    private BindState state = BindState.IDLE;
    private SMPPSession session;
    static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private int failedAttempts;
    private int attempts;
    private long boundAtNanos;

    CarrierBind(int index, CarrierConfig config, ScheduledExecutorService scheduler,
                ReceiptReceiver receiver, Events events) {
        this.label = config.name() + "#" + index;
        this.config = config;
        this.scheduler = scheduler;
        this.receiver = receiver;
        this.events = events;
    }

    synchronized BindState state() {
        return state;
    }

    /** Bind attempts since start, successful or not. */
    synchronized int attempts() {
        return attempts;
    }

    synchronized boolean isBound() {
        return state == BindState.BOUND;
    }

    /** Begins connecting in the background. */
    synchronized void start() {
        if (state == BindState.IDLE) {
            state = BindState.CONNECTING;
            scheduler.execute(this::connect);
        }
    }

    /** The bound session, waiting up to {@code timeout}; null if not bound by then or closed. */
    synchronized SMPPSession awaitBound(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (state != BindState.BOUND && state != BindState.CLOSED) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return state == BindState.BOUND ? session : null;
    }

    private void connect() {
        synchronized (this) {
            if (state != BindState.CONNECTING) {
                return;
            }
            attempts++;
        }
        try {
            SMPPSession bound = JsmppSessions.bind(config, this::onSessionStateChange, receiver);
            onBound(bound);
        } catch (IOException | RuntimeException e) {
            onBindFailed(e);
        }
    }

    private void onBound(SMPPSession bound) {
        synchronized (this) {
            if (state != BindState.CONNECTING) {
                // Closed while we were binding.
                bound.unbindAndClose();
                return;
            }
            state = BindState.BOUND;
            session = bound;
            boundAtNanos = System.nanoTime();
            notifyAll();
        }
        log.info("carrier bind {} bound to {}:{}", label, config.host(), config.port());
        events.bound(this);
        if (!bound.getSessionState().isBound()) {
            // It closed between bind_resp and now, and the CLOSED event was ignored as we were still connecting.
            onUnexpectedlyClosed(bound);
        }
    }

    private void onBindFailed(Exception e) {
        Duration delay;
        synchronized (this) {
            if (state != BindState.CONNECTING) {
                return;
            }
            failedAttempts++;
            delay = scheduleReconnect();
        }
        log.warn("carrier bind {} could not bind to {}:{} ({}); retrying in {} ms", label, config.host(),
                config.port(), e.toString(), delay.toMillis());
    }

    private void onSessionStateChange(SessionState newState, SessionState oldState, Session source) {
        if (newState == SessionState.CLOSED) {
            onUnexpectedlyClosed(source);
        }
    }

    /** The SMSC or the network closed a session we did not ask to close. */
    private void onUnexpectedlyClosed(Session closed) {
        Duration delay;
        synchronized (this) {
            if (state != BindState.BOUND || session != closed) {
                return;
            }
            session = null;
            boolean stable = System.nanoTime() - boundAtNanos >= STABLE_AFTER.toNanos();
            failedAttempts = stable ? 0 : failedAttempts + 1;
            delay = scheduleReconnect();
        }
        if (closed.getSessionState() != SessionState.CLOSED) {
            closed.close();   // a sender saw it dead first: release the socket and jSMPP's threads
        }
        log.warn("carrier bind {} lost its session; reconnecting in {} ms", label, delay.toMillis());
        events.unbound(this);
    }

    /** A sender found {@code dead} not transmittable or failing on write: treat it as closed. */
    void onSessionUnusable(Session dead) {
        onUnexpectedlyClosed(dead);
    }

    /** Caller holds the lock. */
    private Duration scheduleReconnect() {
        state = BindState.WAITING_TO_RECONNECT;
        Duration delay = backoff(failedAttempts, config.reconnectDelayMin(), config.reconnectDelayMax());
        scheduler.schedule(this::onBackoffElapsed, delay.toMillis(), TimeUnit.MILLISECONDS);
        return delay;
    }

    private void onBackoffElapsed() {
        synchronized (this) {
            if (state != BindState.WAITING_TO_RECONNECT) {
                return;
            }
            state = BindState.CONNECTING;
        }
        connect();
    }

    /**
     * min·2^attempts capped at max, then "equal jitter": a random point in its upper half, never below min.
     */
    static Duration backoff(int attempts, Duration min, Duration max) {
        long minMs = min.toMillis();
        long maxMs = Math.max(minMs, max.toMillis());
        long ceiling = attempts >= 30 ? maxMs : Math.min(maxMs, minMs << Math.min(attempts, 30));
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofMillis(Math.max(minMs, Math.min(maxMs, jittered)));
    }

    /** Unbinds (bounded by the response timeout) and stops reconnecting. */
    void close() {
        SMPPSession toClose;
        boolean wasBound;
        synchronized (this) {
            if (state == BindState.CLOSED) {
                return;
            }
            wasBound = state == BindState.BOUND;
            state = BindState.CLOSED;
            toClose = session;
            session = null;
            notifyAll();
        }
        if (toClose != null) {
            toClose.unbindAndClose();
        }
        if (wasBound) {
            events.unbound(this);
        }
    }
}
