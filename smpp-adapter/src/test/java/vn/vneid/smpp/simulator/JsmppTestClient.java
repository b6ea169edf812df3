package vn.vneid.smpp.simulator;

import java.io.IOException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/**
 * jSMPP's own client, bound as a transceiver: a second, independent SMPP peer for the simulator's tests, so that
 * they do not test the simulator with the adapter's session only. Receipts are acknowledged and dropped.
 */
final class JsmppTestClient {
    private JsmppTestClient() {
    }

    static SMPPSession bindTransceiver(int port, String password) throws IOException {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(2000);
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
        session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "vneid", password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 2000);
        return session;
    }
}
