package vn.vneid.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsmpp.bean.Bind;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.ReceiptIdFormat;

/**
 * The session's bytes on the wire, on Netty's in-memory channel: what it sends for what it reads, with jSMPP
 * composing the SMSC's side. A receipt's deliver_sm_resp leaves only when its answer is known, with that status.
 */
class SmppClientSessionTest {
    private static final int BIND_TRANSCEIVER = 0x00000009;
    private static final int BIND_TRANSCEIVER_RESP = 0x80000009;
    private static final int SUBMIT_SM_RESP = 0x80000004;
    private static final int DELIVER_SM_RESP = 0x80000005;
    private static final int UNBIND_RESP = 0x80000006;
    private static final int ENQUIRE_LINK_RESP = 0x80000015;
    private static final int GENERIC_NACK = 0x80000000;

    private CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
    private final ReceiptReceiver receiver = new ReceiptReceiver("c", ReceiptIdFormat.SAME, r -> stored,
            Duration.ofSeconds(30), new ReceiptOutage("c", System::nanoTime));
    private final List<String> events = new ArrayList<>();
    private final SmppClientSession session = new SmppClientSession(
            CarrierUrl.parse("c", "smpp://vneid:secret@127.0.0.1:2775?window=4"), "c#0", receiver,
            new SmppClientSession.Events() {
                @Override
                public void onBound(SmppClientSession s) {
                    events.add("bound");
                }

                @Override
                public void onBindFailed(SmppClientSession s, String why) {
                    events.add("bind failed: " + why);
                }

                @Override
                public void onClosed(SmppClientSession s) {
                    events.add("closed");
                }
            });
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new LengthFieldBasedFrameDecoder(Pdus.MAX_LENGTH, 0, 4, -4, 0), session);

    @Test
    void connectingSendsBindTransceiverWithTheCredentialsAndItsRespBindsTheSession() throws Exception {
        byte[] bind = sent();
        Bind decoded = Pdus.DECOMPOSER.bind(bind);

        assertThat(decoded.getCommandId()).isEqualTo(BIND_TRANSCEIVER);
        assertThat(decoded.getSystemId()).isEqualTo("vneid");
        assertThat(decoded.getPassword()).isEqualTo("secret");
        assertThat(decoded.getInterfaceVersion()).isEqualTo((byte) 0x34);
        assertThat(session.isBound()).isFalse();

        read(Pdus.COMPOSER.bindResp(BIND_TRANSCEIVER_RESP, decoded.getSequenceNumber(), "SMSC"));

        assertThat(events).containsExactly("bound");
        assertThat(session.isBound()).isTrue();
    }

    @Test
    void aRefusedBindIsReportedWithItsStatusAndTheConnectionClosed() throws Exception {
        int seq = header(sent())[2];

        read(Pdus.withStatus(Pdus.COMPOSER.bindResp(BIND_TRANSCEIVER_RESP, seq, "SMSC"), 0x0D));

        assertThat(events).singleElement().asString().contains("bind failed", "0xd", "ESME_RBINDFAIL");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void submitResponsesReachTheirRequestBySequenceNumberInAnyOrder() throws Exception {
        bind();
        List<String> answers = new ArrayList<>();
        int first = session.nextSequence();
        int second = session.nextSequence();
        session.send(first, submitSm(first), recorder("first", answers));
        session.send(second, submitSm(second), recorder("second", answers));
        session.flush();
        assertThat(header(sent())[2]).isEqualTo(first);
        assertThat(header(sent())[2]).isEqualTo(second);

        read(Pdus.COMPOSER.submitSmResp(second, "00B2"));
        read(Pdus.COMPOSER.submitSmResp(first, "00B1"));
        read(Pdus.COMPOSER.submitSmResp(first, "late"));   // no request waits any more: ignored

        assertThat(answers).containsExactly("second 0x80000004/0", "first 0x80000004/0");
    }

    @Test
    void aGenericNackWithAKnownSequenceNumberEndsThatRequestWithItsStatus() throws Exception {
        bind();
        List<String> answers = new ArrayList<>();
        int seq = session.nextSequence();
        session.send(seq, submitSm(seq), recorder("nacked", answers));

        read(Pdus.COMPOSER.genericNack(0x58, seq));

        assertThat(answers).containsExactly("nacked 0x80000000/88");
    }

    @Test
    void aClosedConnectionTellsEveryWaitingRequestAtOnceThatItLostTheConnection() throws Exception {
        bind();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int seq = session.nextSequence();
            session.send(seq, submitSm(seq), recorder("r" + i, answers));
        }

        channel.close();

        assertThat(answers).containsExactly("r0 connection lost", "r1 connection lost", "r2 connection lost");
        assertThat(events).containsExactly("bound", "closed");
    }

    @Test
    void theDeliverSmRespLeavesOnlyOnceTheReceiptIsRecorded() throws Exception {
        bind();
        stored = new CompletableFuture<>();

        read(receipt(41, 0x04));
        assertThat((Object) channel.readOutbound()).as("nothing written while the store works").isNull();
        stored.complete(null);

        assertThat(header(sent())).containsExactly(DELIVER_SM_RESP, 0, 41);
    }

    @Test
    void aReceiptThatCannotBeRecordedIsAnsweredEsmeRxTAppn() throws Exception {
        bind();
        stored = new CompletableFuture<>();

        read(receipt(42, 0x04));
        stored.completeExceptionally(new IllegalStateException("Redis is down"));

        assertThat(header(sent())).containsExactly(DELIVER_SM_RESP, CommandStatuses.ESME_RX_T_APPN, 42);
    }

    @Test
    void aDeliverSmWithNoReceiptBehindItIsAnsweredAtOnce() throws Exception {
        bind();
        stored = new CompletableFuture<>();   // never completes: the answer must not wait for it

        read(receipt(43, 0x00));

        assertThat(header(sent())).containsExactly(DELIVER_SM_RESP, 0, 43);
    }

    @Test
    void enquireLinkIsAnsweredAndAnUnknownCommandGetsAGenericNack() throws Exception {
        bind();

        read(Pdus.COMPOSER.enquireLink(7));
        read(Pdus.COMPOSER.enquireLink(8), 0x00000104);   // not a command we know

        assertThat(header(sent())).containsExactly(ENQUIRE_LINK_RESP, 0, 7);
        assertThat(header(sent())).containsExactly(GENERIC_NACK, Pdus.ESME_RINVCMDID, 8);
    }

    @Test
    void anUnbindFromTheSmscIsAnsweredAndClosesTheSession() throws Exception {
        bind();

        read(Pdus.COMPOSER.unbind(9));

        assertThat(header(sent())).containsExactly(UNBIND_RESP, 0, 9);
        assertThat(channel.isOpen()).isFalse();
        assertThat(events).containsExactly("bound", "closed");
    }

    @Test
    void sequenceNumbersWrapWithinTheSmppRange() {
        assertThat(Pdus.nextSequence(0)).isEqualTo(1);
        assertThat(Pdus.nextSequence(41)).isEqualTo(42);
        assertThat(Pdus.nextSequence(0x7FFFFFFE)).isEqualTo(0x7FFFFFFF);
        assertThat(Pdus.nextSequence(0x7FFFFFFF)).isEqualTo(1);
    }

    // --- helpers ---

    private void bind() throws Exception {
        int seq = header(sent())[2];
        read(Pdus.COMPOSER.bindResp(BIND_TRANSCEIVER_RESP, seq, "SMSC"));
        assertThat(session.isBound()).isTrue();
    }

    private static byte[] submitSm(int seq) throws Exception {
        return Pdus.COMPOSER.submitSm(seq, "", TypeOfNumber.ALPHANUMERIC.value(), NumberingPlanIndicator.UNKNOWN.value(),
                "VNeID", TypeOfNumber.INTERNATIONAL.value(), NumberingPlanIndicator.ISDN.value(), "84912345678",
                (byte) 0, (byte) 0, (byte) 0, null, null, (byte) 1, (byte) 0, (byte) 0, (byte) 0,
                "hi".getBytes(StandardCharsets.US_ASCII));
    }

    private static SmppClientSession.ResponseHandler recorder(String name, List<String> answers) {
        return new SmppClientSession.ResponseHandler() {
            @Override
            public void onResponse(int commandId, int commandStatus, ByteBuf pdu) {
                answers.add(name + " 0x" + Integer.toHexString(commandId) + "/" + commandStatus);
            }

            @Override
            public void onNoResponse(boolean connectionLost) {
                answers.add(name + (connectionLost ? " connection lost" : " timed out"));
            }
        };
    }

    private static byte[] receipt(int seq, int esmClass) throws Exception {
        return Pdus.COMPOSER.deliverSm(seq, "", TypeOfNumber.INTERNATIONAL.value(), NumberingPlanIndicator.ISDN.value(),
                "84912345678", TypeOfNumber.ALPHANUMERIC.value(), NumberingPlanIndicator.UNKNOWN.value(), "VNeID",
                (byte) esmClass, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "id:0A1B stat:DELIVRD err:000".getBytes(StandardCharsets.ISO_8859_1),
                new OptionalParameter[0]);
    }

    private void read(byte[] pdu) {
        channel.writeInbound(Unpooled.wrappedBuffer(pdu));
    }

    /** Reads {@code pdu} with its command_id replaced. */
    private void read(byte[] pdu, int commandId) {
        ByteBuffer.wrap(pdu).putInt(4, commandId);
        read(pdu);
    }

    /** The next PDU the session wrote. */
    private byte[] sent() {
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("a PDU was written").isNotNull();
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** command_id, command_status and sequence_number of {@code pdu}. */
    private static int[] header(byte[] pdu) {
        ByteBuffer b = ByteBuffer.wrap(pdu);
        assertThat(b.getInt()).as("command_length").isEqualTo(pdu.length);
        return new int[] {b.getInt(), b.getInt(), b.getInt()};
    }
}
