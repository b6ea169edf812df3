package vn.vneid.smpp.internal;

import java.io.IOException;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SessionStateListener;
import org.jsmpp.util.DefaultComposer;
import vn.vneid.smpp.BindMode;
import vn.vneid.smpp.CarrierConfig;

/**
 * Opens one jSMPP session for a carrier: TCP_NODELAY socket, timers from the config, receipts read by a
 * {@link ReceiptReceiver} whose answers the session's {@link AnsweringPduSender} writes once they are known,
 * bound as the config's {@link BindMode} says (transceiver, or transmitter for SMSCs that deliver receipts on
 * separate receiver binds).
 */
public final class JsmppSessions {
    private JsmppSessions() {
    }

    /** Connects and binds as TRANSCEIVER whatever the config says; blocks up to the response timeout. */
    public static SMPPSession bindTransceiver(CarrierConfig config, SessionStateListener stateListener,
                                              ReceiptReceiver receiver) throws IOException {
        return bind(config, BindType.BIND_TRX, stateListener, receiver);
    }

    /** Connects and binds as {@link CarrierConfig#bindMode()} says; blocks up to the response timeout. */
    public static SMPPSession bind(CarrierConfig config, SessionStateListener stateListener,
                                   ReceiptReceiver receiver) throws IOException {
        return bind(config, bindType(config.bindMode()), stateListener, receiver);
    }

    static BindType bindType(BindMode mode) {
        return mode == BindMode.TRANSMITTER ? BindType.BIND_TX : BindType.BIND_TRX;
    }

    private static SMPPSession bind(CarrierConfig config, BindType type, SessionStateListener stateListener,
                                    ReceiptReceiver receiver) throws IOException {
        SMPPSession session = new SMPPSession(
                new AnsweringPduSender(new DefaultPDUSender(new DefaultComposer()), receiver),
                new DefaultPDUReader(),
                new TcpNoDelayConnectionFactory(config.responseTimeout()));
        session.setEnquireLinkTimer((int) Math.min(Integer.MAX_VALUE, config.enquireLinkInterval().toMillis()));
        session.setTransactionTimer(config.responseTimeout().toMillis());
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
