package vn.vneid.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameter.Network_error_code.Network_error_code_type;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.vneid.smpp.ReceiptIdFormat;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;
import vn.vneid.smpp.receipt.ReceiptState;

class ReceiptReceiverTest {
    private final List<DeliveryReceipt> receipts = new ArrayList<>();
    private final AtomicInteger unparseable = new AtomicInteger();
    private final AtomicInteger deferred = new AtomicInteger();
    /** Records every receipt at once, as a healthy store would. */
    private final ReceiptReceiver.Sink recording = sink(r -> {
        receipts.add(r);
        return ReceiptListener.DONE;
    });
    private final ReceiptReceiver receiver = new ReceiptReceiver("c", recording);

    @Test
    void receiptedMessageIdTlvWinsOverTheTextIdAndIsNormalised() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:999 sub:001 dlvrd:001 stat:DELIVRD err:000",
                new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), "0000ABC1")));

        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.smscMessageId()).isEqualTo("abc1");
            assertThat(r.state()).isEqualTo(ReceiptState.DELIVRD);
        });
    }

    @Test
    void withoutTheTlvTheTextIdIsUsed() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:0999 stat:UNDELIV err:001"));

        assertThat(receipts).singleElement().extracting(DeliveryReceipt::smscMessageId).isEqualTo("999");
    }

    /** The receipt's id → the key the gateway stored for the submit id, per carrier id format. */
    @ParameterizedTest(name = "{0}: receipt id {1}, submit id {2}")
    @CsvSource({
            "SAME,                       0000A1B2,      a1b2",
            "SAME,                       a1b2,          A1B2",
            "SAME,                       0123456789,    123456789",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 41394,         0000A1B2",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 0041394,       a1b2",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 18446744073709551615, FFFFFFFFFFFFFFFF",
            "HEX_SUBMIT_DECIMAL_RECEIPT, a1b2,          A1B2",
            "DECIMAL_SUBMIT_HEX_RECEIPT, 0000A1B2,      41394",
            "DECIMAL_SUBMIT_HEX_RECEIPT, a1b2,          0041394",
            "DECIMAL_SUBMIT_HEX_RECEIPT, 3ade68b1,      987654321",
            "DECIMAL_SUBMIT_HEX_RECEIPT, msg-77,        MSG-77",
    })
    void receiptIdIsHandedOverInTheSubmitIdsNormalisedForm(ReceiptIdFormat format, String receiptId,
                                                          String submitId) throws Exception {
        ReceiptReceiver converting = new ReceiptReceiver("c", format, recording);

        converting.onAcceptDeliverSm(deliverSm(0x04, "id:" + receiptId + " sub:001 dlvrd:001 submit date:2511201530 "
                + "done date:2511201531 stat:DELIVRD err:000 text:Ma OTP"));
        converting.onAcceptDeliverSm(deliverSm(0x04, "",
                new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), receiptId),
                new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE, (byte) 2)));

        assertThat(receipts).hasSize(2).allSatisfy(r ->
                assertThat(r.smscMessageId()).isEqualTo(DeliveryReceiptParser.normaliseId(submitId)));
    }

    /** Real-looking receipt texts: id, state, err and dates as handed to the listener. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "id:0123456789 sub:001 dlvrd:001 submit date:2511201530 done date:2511201531 stat:DELIVRD err:000 "
                    + "text:Ma OTP | 123456789 | DELIVRD | 000 | 2025-11-20T15:31",
            "id:A1B2C3D4 sub:001 dlvrd:000 submit date:251120153005 done date:251120160959 stat:UNDELIV err:0B1"
                    + "| a1b2c3d4 | UNDELIV | 0B1 | 2025-11-20T16:09:59",
            "ID:00FF SUB:001 DLVRD:001 SUBMIT DATE:2511201530 DONE DATE:2511201530 STAT:EXPIRED ERR:027"
                    + "| ff | EXPIRED | 027 | 2025-11-20T15:30",
            "id:77 stat:REJECTD | 77 | REJECTD | '' | ",
            "id:5 sub:001 dlvrd:000 stat:UNDELIV text:stat:DELIVRD err:000 | 5 | UNDELIV | '' | ",
            "id:6 stat:DELIVERED err:0 done_date:2511201530 | 6 | DELIVRD | 0 | 2025-11-20T15:30",
    })
    void realReceiptTexts(String text, String id, ReceiptState state, String err, LocalDateTime done) throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, text));

        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.smscMessageId()).isEqualTo(id);
            assertThat(r.state()).isEqualTo(state);
            assertThat(r.errorCode()).isEqualTo(err);
            assertThat(r.doneDate()).isEqualTo(done);
        });
    }

    @Test
    void tlvOnlyReceiptWithEmptyShortMessageIsRead() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "",
                new OptionalParameter.Receipted_message_id("0000A1B2"),
                new OptionalParameter.Message_state((byte) 5),
                new OptionalParameter.Network_error_code(Network_error_code_type.GSM, (short) 0x0401)));

        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.smscMessageId()).isEqualTo("a1b2");
            assertThat(r.state()).isEqualTo(ReceiptState.UNDELIV);
            assertThat(r.errorCode()).isEqualTo("net:3/0x0401");
            assertThat(r.submitDate()).isNull();
            assertThat(r.doneDate()).isNull();
        });
    }

    @Test
    void tlvOnlyReceiptDecodedFromWireBytes() throws Exception {
        // deliver_sm, esm_class 0x04, sm_length 0; TLVs receipted_message_id "0000A1B2", message_state 5
        // (UNDELIVERABLE), network_error_code GSM (3) 0x0401.
        byte[] pdu = HexFormat.of().parseHex(""
                + "0000004a" + "00000005" + "00000000" + "00000001"
                + "00" + "0101" + "383439313233343536373800" + "0500" + "564e65494400"
                + "04" + "00" + "00" + "00" + "00" + "00" + "00" + "00" + "00" + "00"
                + "001e0009" + "303030304131423200"
                + "04270001" + "05"
                + "04230003" + "030401");
        DeliverSm deliverSm = new DefaultDecomposer().deliverSm(pdu);

        receiver.onAcceptDeliverSm(deliverSm);

        assertThat(receipts).containsExactly(
                new DeliveryReceipt("a1b2", ReceiptState.UNDELIV, "net:3/0x0401", 0, 0, null, null, "84912345678"));
    }

    @ParameterizedTest(name = "message_state {0} over stat:{1} -> {2}")
    @CsvSource({
            "1, DELIVRD, ENROUTE",
            "2, UNDELIV, DELIVRD",
            "3, DELIVRD, EXPIRED",
            "4, DELIVRD, DELETED",
            "5, DELIVRD, UNDELIV",
            "6, DELIVRD, ACCEPTD",
            "7, DELIVRD, UNKNOWN",
            "8, DELIVRD, REJECTD",
            "9, EXPIRED, EXPIRED",
            "0, UNDELIV, UNDELIV",
    })
    void messageStateTlvOverridesStatWhenItIsAKnownState(int messageState, String stat, ReceiptState expected) throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:1 sub:001 dlvrd:001 stat:" + stat + " err:000",
                new OptionalParameter.Message_state((byte) messageState)));

        assertThat(receipts).singleElement().extracting(DeliveryReceipt::state).isEqualTo(expected);
    }

    @Test
    void messageStateTlvStandsInForAMissingStat() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:42 sub:001 dlvrd:001 done date:2511201531",
                new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE, (byte) 2)));

        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.smscMessageId()).isEqualTo("42");
            assertThat(r.state()).isEqualTo(ReceiptState.DELIVRD);
            assertThat(r.doneDate()).isEqualTo(LocalDateTime.of(2025, 11, 20, 15, 31));
        });
    }

    @Test
    void networkErrorCodeFollowsTheTextErr() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:UNDELIV err:001",
                new OptionalParameter.OctetString(OptionalParameter.Tag.NETWORK_ERROR_CODE.code(),
                        new byte[] {0x01, 0x00, 0x22})));

        assertThat(receipts).singleElement().extracting(DeliveryReceipt::errorCode).isEqualTo("001 net:1/0x0022");
    }

    @Test
    void receiptTextInMessagePayloadIsReadWhenShortMessageIsEmpty() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "", new OptionalParameter.OctetString(
                OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), "id:00AB stat:DELIVRD err:000")));

        assertThat(receipts).singleElement().extracting(DeliveryReceipt::smscMessageId).isEqualTo("ab");
    }

    @Test
    void tlvOnlyReceiptWithoutAStateIsUnparseable() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "", new OptionalParameter.Receipted_message_id("A1B2")));

        assertThat(receipts).isEmpty();
        assertThat(unparseable).hasValue(1);
    }

    @Test
    void dataSmReceiptIsReadAndAnswered() throws Exception {
        DataSm dataSm = new DataSm();
        dataSm.setEsmClass((byte) 0x04);
        dataSm.setOptionalParameters(new OptionalParameter.Receipted_message_id("00ff"),
                new OptionalParameter.Message_state((byte) 2));

        assertThat(receiver.onAcceptDataSm(dataSm, null)).isNotNull();
        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.smscMessageId()).isEqualTo("ff");
            assertThat(r.state()).isEqualTo(ReceiptState.DELIVRD);
        });
    }

    @Test
    void dataSmThatIsNotAReceiptIsRefused() throws Exception {
        DataSm dataSm = new DataSm();
        dataSm.setEsmClass((byte) 0x00);

        assertThatThrownBy(() -> receiver.onAcceptDataSm(dataSm, null)).isInstanceOf(ProcessRequestException.class);
        assertThat(receipts).isEmpty();
    }

    @Test
    void garbledReceiptIsCountedNotThrownSoDeliverSmIsStillAnswered() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "this is not a receipt"));

        assertThat(receipts).isEmpty();
        assertThat(unparseable).hasValue(1);
    }

    @Test
    void mobileOriginatedMessageIsNotTakenForAReceipt() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x00, "id:1 stat:DELIVRD"));

        assertThat(receipts).isEmpty();
        assertThat(unparseable).hasValue(0);
    }

    @Test
    void aListenerThatThrowsIsABugAndTheReceiptIsStillAcknowledged() throws Exception {
        ReceiptReceiver failing = new ReceiptReceiver("c", sink(r -> {
            throw new IllegalStateException("boom");
        }));

        failing.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:DELIVRD", 11));
        assertThat(failing.takeAnswer(11)).isCompletedWithValue(0);
        assertThat(deferred).hasValue(0);
    }

    @Test
    void aRecordedReceiptIsAnsweredZero() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:DELIVRD", 12));

        assertThat(receiver.takeAnswer(12)).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(0);
        assertThat(receipts).hasSize(1);
    }

    @Test
    void aReceiptThatCannotBeRecordedIsAnsweredWithATemporaryErrorSoTheSmscSendsItAgain() throws Exception {
        ReceiptReceiver storeDown = new ReceiptReceiver("c", sink(r ->
                CompletableFuture.failedStage(new IllegalStateException("Redis is down"))));

        storeDown.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:DELIVRD", 13));

        assertThat(storeDown.takeAnswer(13)).succeedsWithin(Duration.ofSeconds(5))
                .isEqualTo(CommandStatuses.ESME_RX_T_APPN);
        assertThat(deferred).hasValue(1);
    }

    @Test
    void aReceiptStillUnrecordedWhenTheWaitEndsIsAnsweredWithATemporaryError() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        ReceiptReceiver slowStore = new ReceiptReceiver("c", ReceiptIdFormat.SAME, sink(r -> never),
                Duration.ofMillis(50), new ReceiptOutage("c", System::nanoTime));

        slowStore.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:DELIVRD", 14));

        assertThat(slowStore.takeAnswer(14)).succeedsWithin(Duration.ofSeconds(5))
                .isEqualTo(CommandStatuses.ESME_RX_T_APPN);
        assertThat(deferred).hasValue(1);
    }

    @Test
    void theAnswerIsKnownOnlyOnceTheReceiptIsRecorded() throws Exception {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        ReceiptReceiver receiving = new ReceiptReceiver("c", sink(r -> stored));

        receiving.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:DELIVRD", 15));
        CompletableFuture<Integer> answer = receiving.takeAnswer(15);

        assertThat(answer).as("no answer while the store works").isNotDone();
        stored.complete(null);
        assertThat(answer).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(0);
        assertThat(deferred).hasValue(0);
    }

    @Test
    void anAnswerIsTakenOnceAndOnlyForItsOwnPdu() throws Exception {
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:1 stat:DELIVRD", 16));
        assertThat(receiver.takeAnswer(17)).isNull();
        receiver.onAcceptDeliverSm(deliverSm(0x04, "id:2 stat:DELIVRD", 18));
        assertThat(receiver.takeAnswer(18)).isNotNull();
        assertThat(receiver.takeAnswer(18)).isNull();
        receiver.onAcceptDeliverSm(deliverSm(0x04, "this is not a receipt", 19));
        assertThat(receiver.takeAnswer(19)).as("unparseable: answered 0 at once").isNull();
    }

    /** A sink over {@code record} that counts unparseable and deferred receipts in this test's counters. */
    private ReceiptReceiver.Sink sink(java.util.function.Function<DeliveryReceipt, CompletionStage<Void>> record) {
        return new ReceiptReceiver.Sink() {
            @Override
            public CompletionStage<Void> receipt(DeliveryReceipt receipt) {
                return record.apply(receipt);
            }

            @Override
            public void unparseable() {
                unparseable.incrementAndGet();
            }

            @Override
            public void deferred() {
                deferred.incrementAndGet();
            }
        };
    }

    private static DeliverSm deliverSm(int esmClass, String text, int sequenceNumber) {
        DeliverSm sm = deliverSm(esmClass, text);
        sm.setSequenceNumber(sequenceNumber);
        return sm;
    }

    private static DeliverSm deliverSm(int esmClass, String text, OptionalParameter... tlvs) {
        DeliverSm sm = new DeliverSm();
        sm.setEsmClass((byte) esmClass);
        sm.setShortMessage(text.getBytes(StandardCharsets.ISO_8859_1));
        sm.setOptionalParameters(tlvs);
        return sm;
    }
}
