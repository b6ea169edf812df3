package vn.vneid.smpp.internal;

import java.io.IOException;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SessionStateListener;
import org.jsmpp.util.DefaultComposer;
import vn.vneid.smpp.BindMode;
import vn.vneid.smpp.CarrierConfig;

/**
 * Opens one jSMPP session for a carrier: TCP_NODELAY socket, timers from the config, {@link #PDU_THREADS} threads
 * for incoming PDUs, bound as the config's {@link BindMode} says (transceiver, or transmitter for SMSCs that
 * deliver receipts on separate receiver binds).
 */
public final class JsmppSessions {
    /**
     * Threads that process one session's incoming PDUs (jSMPP's default is 3): submit_sm_resp, enquire_link and
     * the deliver_sm whose answer waits until the receipt is recorded ({@link ReceiptReceiver}, which lets at most
     * all but two of them wait).
     */
    public static final int PDU_THREADS = 8;

    private JsmppSessions() {
    }

    /** Connects and binds as TRANSCEIVER whatever the config says; blocks up to the response timeout. */
    public static SMPPSession bindTransceiver(CarrierConfig config, SessionStateListener stateListener,
                                              MessageReceiverListener receiver) throws IOException {
        return bind(config, BindType.BIND_TRX, stateListener, receiver);
    }

    /** Connects and binds as {@link CarrierConfig#bindMode()} says; blocks up to the response timeout. */
    public static SMPPSession bind(CarrierConfig config, SessionStateListener stateListener,
                                   MessageReceiverListener receiver) throws IOException {
        return bind(config, bindType(config.bindMode()), stateListener, receiver);
    }

    static BindType bindType(BindMode mode) {
        return mode == BindMode.TRANSMITTER ? BindType.BIND_TX : BindType.BIND_TRX;
    }

    private static SMPPSession bind(CarrierConfig config, BindType type, SessionStateListener stateListener,
                                    MessageReceiverListener receiver) throws IOException {
        SMPPSession session = new SMPPSession(
                new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())),
                new DefaultPDUReader(),
                new TcpNoDelayConnectionFactory(config.responseTimeout()));
        session.setEnquireLinkTimer((int) Math.min(Integer.MAX_VALUE, config.enquireLinkInterval().toMillis()));
        session.setTransactionTimer(config.responseTimeout().toMillis());
        session.setPduProcessorDegree(PDU_THREADS);
        session.setMessageReceiverListener(receiver);
        session.addSessionStateListener(stateListener);
        try {
            session.connectAndBind(config.host(), config.port(), new BindParameter(type,
                    config.systemId(), config.password(), config.systemType(), TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), config.responseTimeout().toMillis());
        } catch (IOException e) {
            session.removeSessionStateListener(stateListener);
            session.close();
            throw e;
        }
        return session;
    }
}
