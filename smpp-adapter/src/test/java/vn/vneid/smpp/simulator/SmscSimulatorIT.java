package vn.vneid.smpp.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;

class SmscSimulatorIT {

    @Test
    void bindWithWrongCredentialsIsRefusedWithBindFail() {
        try (SmscSimulator smsc = SmscSimulator.builder().credentials("vneid", "secret").start()) {
            assertThatThrownBy(() -> bind(smsc.port(), "wrong"))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(rootNegative(e)).isNotNull()
                            .extracting(NegativeResponseException::getCommandStatus).isEqualTo(0x0D));
            assertThat(smsc.boundSessions()).isZero();
        }
    }

    @Test
    void rightCredentialsBindAndCloseDropsTheSessionThenTheSamePortServesAgain() throws Exception {
        SmscSimulatorBuilder builder = SmscSimulator.builder();
        SmscSimulator first = builder.start();
        SMPPSession session = bind(first.port(), "secret");
        assertThat(first.boundSessions()).isEqualTo(1);

        first.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (session.getSessionState() != SessionState.CLOSED && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        assertThat(session.getSessionState()).isEqualTo(SessionState.CLOSED);
        try (SmscSimulator second = builder.port(first.port()).start()) {
            SMPPSession again = bind(second.port(), "secret");
            assertThat(second.boundSessions()).isEqualTo(1);
            again.unbindAndClose();
        }
    }

    @Test
    void listenerSeesEachMessageAndAwaitTimesOutClearly() throws Exception {
        List<ReceivedSms> seen = new CopyOnWriteArrayList<>();
        try (SmscSimulator smsc = SmscSimulator.builder().listener(seen::add).maxRecorded(2).start()) {
            SMPPSession session = bind(smsc.port(), "secret");
            for (int i = 0; i < 3; i++) {
                session.submitShortMessage("", org.jsmpp.bean.TypeOfNumber.ALPHANUMERIC,
                        org.jsmpp.bean.NumberingPlanIndicator.UNKNOWN, "VNeID", org.jsmpp.bean.TypeOfNumber.INTERNATIONAL,
                        org.jsmpp.bean.NumberingPlanIndicator.ISDN, "8491234567" + i, new org.jsmpp.bean.ESMClass(),
                        (byte) 0, (byte) 0, null, null, new org.jsmpp.bean.RegisteredDelivery(), (byte) 0,
                        org.jsmpp.bean.DataCodings.ZERO, (byte) 0, new byte[] {0x48, 0x69});
            }
            smsc.awaitMessages(3, Duration.ofSeconds(5));
            assertThat(seen).hasSize(3).allSatisfy(m -> assertThat(m.text()).isEqualTo("Hi"));
            // Memory is bounded: only the newest two are kept, the count stays exact.
            assertThat(smsc.messages()).extracting(ReceivedSms::to).containsExactly("84912345671", "84912345672");
            assertThat(smsc.receivedCount()).isEqualTo(3);
            assertThat(smsc.messagesTo("0912345672")).hasSize(1);
            assertThat(Long.parseLong(seen.get(2).smscMessageId(), 16))
                    .isGreaterThan(Long.parseLong(seen.get(0).smscMessageId(), 16));
            assertThatThrownBy(() -> smsc.awaitMessageTo("0987654321", Duration.ofMillis(100)))
                    .isInstanceOf(TimeoutException.class);
            session.unbindAndClose();
        }
    }

    private static SMPPSession bind(int port, String password) throws IOException {
        return JsmppTestClient.bindTransceiver(port, password);
    }

    private static NegativeResponseException rootNegative(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException n) {
                return n;
            }
        }
        return null;
    }
}
