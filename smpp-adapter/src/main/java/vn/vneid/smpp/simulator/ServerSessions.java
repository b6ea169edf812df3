package vn.vneid.smpp.simulator;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's connections: accepts them, answers the bind (one systemId/password; ESME_RBINDFAIL for
 * others and while {@link Faults#refuseBinds}), remembers how each bound (receipts need a receiver or
 * transceiver), and drops them all on demand, abruptly, without unbind.
 */
final class ServerSessions {
    private static final Logger log = LoggerFactory.getLogger(ServerSessions.class);
    private static final int ESME_RBINDFAIL = 0x0D;

    private final SMPPServerSessionListener listener;
    private final Faults faults;
    private final String systemId;
    private final String password;
    private final ScheduledExecutorService timers;
    private final ExecutorService binder;
    private final Thread acceptor;
    private final Set<SMPPServerSession> open = ConcurrentHashMap.newKeySet();
    private final Map<SMPPServerSession, BindType> bound = new ConcurrentHashMap<>();
    private final AtomicLong bindRequests = new AtomicLong();
    private volatile boolean running = true;

    ServerSessions(SMPPServerSessionListener listener, int port, Faults faults, String systemId, String password,
                   ScheduledExecutorService timers) {
        this.listener = listener;
        this.faults = faults;
        this.systemId = systemId;
        this.password = password;
        this.timers = timers;
        AtomicInteger threads = new AtomicInteger();
        this.binder = Executors.newCachedThreadPool(r -> SmscSimulator.daemon(r, "smsc-sim-bind-" + threads.incrementAndGet()));
        listener.setSessionStateListener(this::onSessionStateChange);
        this.acceptor = SmscSimulator.daemon(this::acceptLoop, "smsc-sim-accept-" + port);
    }

    void start() {
        acceptor.start();
    }

    /** Bound sessions and how they bound; live view. */
    Map<SMPPServerSession, BindType> bound() {
        return bound;
    }

    int boundCount() {
        return (int) open.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    long bindRequests() {
        return bindRequests.get();
    }

    void dropAll() {
        for (SMPPServerSession session : List.copyOf(open)) {
            open.remove(session);
            bound.remove(session);
            session.close();
        }
    }

    /** From a PDU thread: closing its session there would wait for that very thread. */
    void dropAllSoon() {
        if (running) {
            binder.execute(this::dropAll);
        }
    }

    void close() {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the simulator's listener", e);
        }
        dropAll();
        binder.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                open.add(session);
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
            bindRequests.incrementAndGet();
            boolean refusing = faults.refuseBinds;
            if (!refusing && systemId.equals(request.getSystemId()) && password.equals(request.getPassword())) {
                bound.put(session, request.getBindType());   // before bind_resp: the client may ask at once
                request.accept("SMSCSIM");
            } else {
                log.info("SMSC simulator refused bind of systemId {}{}", request.getSystemId(),
                        refusing ? " (refusing binds)" : "");
                request.reject(ESME_RBINDFAIL);
                // Closing at once could beat the bind_resp to the wire; give the client time to read it.
                timers.schedule(session::close, 1, TimeUnit.SECONDS);
            }
        } catch (TimeoutException | IOException | PDUException | IllegalStateException e) {
            log.debug("SMSC simulator: no usable bind ({})", e.toString());
            bound.remove(session);
            session.close();
        }
    }

    private void onSessionStateChange(SessionState newState, SessionState oldState, Session source) {
        if (newState == SessionState.CLOSED && source instanceof SMPPServerSession s) {
            open.remove(s);
            bound.remove(s);
        }
    }
}
