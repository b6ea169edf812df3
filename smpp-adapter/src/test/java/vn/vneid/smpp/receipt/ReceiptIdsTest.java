package vn.vneid.smpp.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.vneid.smpp.ReceiptIdFormat;

class ReceiptIdsTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "SAME,                       0000A1B2,             a1b2",
            "SAME,                       000,                  0",
            "SAME,                       ' 42 ',               42",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 41394,                a1b2",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 0000041394,           a1b2",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 0,                    0",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 18446744073709551616, 10000000000000000",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 00A1B2,               a1b2",
            "HEX_SUBMIT_DECIMAL_RECEIPT, -12,                  -12",
            "DECIMAL_SUBMIT_HEX_RECEIPT, 0000A1B2,             41394",
            "DECIMAL_SUBMIT_HEX_RECEIPT, a1b2,                 41394",
            "DECIMAL_SUBMIT_HEX_RECEIPT, 10,                   16",
            "DECIMAL_SUBMIT_HEX_RECEIPT, FFFFFFFFFFFFFFFFFFFF, 1208925819614629174706175",
            "DECIMAL_SUBMIT_HEX_RECEIPT, msg-77,               msg-77",
            "DECIMAL_SUBMIT_HEX_RECEIPT, '',                   ''",
    })
    void receiptIdBecomesTheNormalisedSubmitId(ReceiptIdFormat format, String receiptId, String expected) {
        assertThat(ReceiptIds.forMatching(receiptId, format)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: submit {1}, receipt {2}")
    @CsvSource({
            "SAME,                       0000A1B2, a1b2",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 0000A1B2, 0041394",
            "HEX_SUBMIT_DECIMAL_RECEIPT, 3ADE68B1, 987654321",
            "DECIMAL_SUBMIT_HEX_RECEIPT, 0987654321, 3ADE68B1",
            "DECIMAL_SUBMIT_HEX_RECEIPT, 41394, 0000a1b2",
    })
    void receiptMatchesTheKeyTheGatewayStoredAtSubmit(ReceiptIdFormat format, String submitId, String receiptId) {
        assertThat(ReceiptIds.forMatching(receiptId, format)).isEqualTo(DeliveryReceiptParser.normaliseId(submitId));
    }
}
