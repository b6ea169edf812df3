package vn.vneid.smpp.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryReceiptParserTest {

    @Test
    void parsesTheClassicReceiptWithTenDigitDates() {
        DeliveryReceipt r = DeliveryReceiptParser.parse(
                "id:0123456789 sub:001 dlvrd:001 submit date:2511201530 done date:2511201531 stat:DELIVRD err:000 text:Ma OTP");

        assertThat(r.smscMessageId()).isEqualTo("123456789");
        assertThat(r.state()).isEqualTo(ReceiptState.DELIVRD);
        assertThat(r.errorCode()).isEqualTo("000");
        assertThat(r.submitted()).isEqualTo(1);
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(r.submitDate()).isEqualTo(LocalDateTime.of(2025, 11, 20, 15, 30));
        assertThat(r.doneDate()).isEqualTo(LocalDateTime.of(2025, 11, 20, 15, 31));
    }

    @Test
    void twelveDigitDatesCarrySeconds() {
        DeliveryReceipt r = DeliveryReceiptParser.parse(
                "id:A1B2 sub:001 dlvrd:000 submit date:251120153005 done date:251120160959 stat:UNDELIV err:0B1");

        assertThat(r.submitDate()).isEqualTo(LocalDateTime.of(2025, 11, 20, 15, 30, 5));
        assertThat(r.doneDate()).isEqualTo(LocalDateTime.of(2025, 11, 20, 16, 9, 59));
        assertThat(r.state()).isEqualTo(ReceiptState.UNDELIV);
        assertThat(r.errorCode()).isEqualTo("0B1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "id:00000A1B2C stat:DELIVRD, a1b2c",
            "id:a1b2c stat:DELIVRD, a1b2c",
            "ID:0000000123 STAT:DELIVRD, 123",
            "Id:123 Stat:delivrd, 123",
            "id:000 stat:DELIVRD, 0",
    })
    void idsAreNormalisedSoHexAndCaseVariantsMatch(String text, String id) {
        assertThat(DeliveryReceiptParser.parse(text).smscMessageId()).isEqualTo(id);
    }

    @Test
    void submitIdNormalisesToTheSameKeyAsTheReceiptId() {
        assertThat(DeliveryReceiptParser.normaliseId("0000001F"))
                .isEqualTo(DeliveryReceiptParser.parse("id:1f stat:DELIVRD").smscMessageId());
    }

    @Test
    void missingOptionalFieldsGiveDefaults() {
        DeliveryReceipt r = DeliveryReceiptParser.parse("id:77 stat:EXPIRED");

        assertThat(r.state()).isEqualTo(ReceiptState.EXPIRED);
        assertThat(r.submitted()).isZero();
        assertThat(r.delivered()).isZero();
        assertThat(r.errorCode()).isEmpty();
        assertThat(r.submitDate()).isNull();
        assertThat(r.doneDate()).isNull();
    }

    @Test
    void statWordsInTheFreeTextAreIgnored() {
        DeliveryReceipt r = DeliveryReceiptParser.parse("id:5 stat:REJECTD err:001 text:stat:DELIVRD hi");

        assertThat(r.state()).isEqualTo(ReceiptState.REJECTD);
    }

    @Test
    void fullySpelledStatesAreAccepted() {
        assertThat(DeliveryReceiptParser.parse("id:5 stat:DELIVERED").state()).isEqualTo(ReceiptState.DELIVRD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello world", "stat:DELIVRD", "id:123", "id:1 stat:WHATEVER",
            "id:1 stat:DELIVRD submit date:25112015", "id:1 stat:DELIVRD done date:2513991530"})
    void garbageIsAClearIllegalArgument(String text) {
        assertThatThrownBy(() -> DeliveryReceiptParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*(empty|id:|stat:|date).*");
    }

    @Test
    void tlvIdAndStateWinOverTheText() {
        DeliveryReceipt r = DeliveryReceiptParser.parse("id:999 stat:DELIVRD err:000", "00AB", ReceiptState.UNDELIV);

        assertThat(r.smscMessageId()).isEqualTo("ab");
        assertThat(r.state()).isEqualTo(ReceiptState.UNDELIV);
        assertThat(r.errorCode()).isEqualTo("000");
    }

    @Test
    void tlvOnlyReceiptNeedsNoText() {
        assertThat(DeliveryReceiptParser.parse("", "0A", ReceiptState.DELIVRD))
                .isEqualTo(new DeliveryReceipt("a", ReceiptState.DELIVRD, "", 0, 0, null, null));
    }

    @Test
    void emptyTextWithAnIdButNoStateSaysWhatIsMissing() {
        assertThatThrownBy(() -> DeliveryReceiptParser.parse("", "0A", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message_state");
    }

    @ParameterizedTest(name = "message_state {0} -> {1}")
    @CsvSource({"1, ENROUTE", "2, DELIVRD", "3, EXPIRED", "4, DELETED", "5, UNDELIV", "6, ACCEPTD", "7, UNKNOWN",
            "8, REJECTD"})
    void messageStateValuesMapToStates(int value, ReceiptState state) {
        assertThat(ReceiptState.ofMessageState(value)).contains(state);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, 255, -1})
    void otherMessageStateValuesAreNotAState(int value) {
        assertThat(ReceiptState.ofMessageState(value)).isEmpty();
    }

    @Test
    void nullIsAClearIllegalArgumentNotANullPointer() {
        assertThatThrownBy(() -> DeliveryReceiptParser.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryReceiptParser.normaliseId(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
