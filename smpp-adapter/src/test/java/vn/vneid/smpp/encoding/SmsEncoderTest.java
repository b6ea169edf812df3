package vn.vneid.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmsEncoderTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0} chars of {1} -> {3} segment(s) in {2}")
    @CsvSource({
            "1, a, gsm7, 1",
            "160, a, gsm7, 1",
            "161, a, gsm7, 2",
            "306, a, gsm7, 2",
            "307, a, gsm7, 3",
            "80, {, gsm7, 1",
            "81, {, gsm7, 2",
            "70, ạ, ucs2, 1",
            "71, ạ, ucs2, 2",
            "134, ạ, ucs2, 2",
            "135, ạ, ucs2, 3",
    })
    void segmentCountsAtTheBoundaries(int length, String ch, String encoding, int segments) {
        EncodedSms encoded = SmsEncoder.encode(ch.repeat(length), 7);

        assertThat(encoded.encodingName()).isEqualTo(encoding);
        assertThat(encoded.segmentCount()).isEqualTo(segments);
        assertThat(encoded.udh()).isEqualTo(segments > 1);
    }

    @Test
    void asciiOf160FitsOneUnpackedSegment() {
        EncodedSms encoded = SmsEncoder.encode("a".repeat(160), 0);

        assertThat(encoded.dataCoding()).isEqualTo((byte) 0x00);
        assertThat(encoded.segments().get(0)).hasSize(160).containsOnly((byte) 0x61);
    }

    @Test
    void asciiOf161IsSplit153Plus8WithConcatenationHeaders() {
        EncodedSms encoded = SmsEncoder.encode("a".repeat(161), 0x2A);

        byte[] first = encoded.segments().get(0);
        byte[] second = encoded.segments().get(1);
        assertThat(first).hasSize(6 + 153);
        assertThat(second).hasSize(6 + 8);
        assertThat(HEX.formatHex(first, 0, 6)).isEqualTo("0500032a0201");
        assertThat(HEX.formatHex(second, 0, 6)).isEqualTo("0500032a0202");
    }

    @Test
    void shortGsmTextHasExactBytesIncludingAtSignAndEscapedEuro() {
        EncodedSms encoded = SmsEncoder.encode("Hi@ 5€", 0);

        assertThat(HEX.formatHex(encoded.segments().get(0))).isEqualTo("4869002035" + "1b65");
        assertThat(encoded.segments()).hasSize(1);
    }

    @Test
    void vietnameseWithDiacriticsIsUcs2BigEndian() {
        EncodedSms encoded = SmsEncoder.encode("Mã ạ", 0);

        assertThat(encoded.dataCoding()).isEqualTo((byte) 0x08);
        assertThat(HEX.formatHex(encoded.segments().get(0))).isEqualTo("004d00e300201ea1");
    }

    @Test
    void extensionCharacterCountsTwoSeptetsAndItsEscapePairIsNeverSplit() {
        // 152 septets + € (2) would be 154 > 153: the € moves whole to segment two.
        String text = "a".repeat(152) + "€" + "b".repeat(10);

        EncodedSms encoded = SmsEncoder.encode(text, 1);

        assertThat(encoded.segmentCount()).isEqualTo(2);
        assertThat(encoded.segments().get(0)).hasSize(6 + 152);
        assertThat(HEX.formatHex(encoded.segments().get(1), 6, 8)).isEqualTo("1b65");
        assertThat(roundTrip(encoded)).isEqualTo(text);
    }

    @Test
    void surrogatePairIsNeverSplitAcrossSegments() {
        String text = "ạ".repeat(66) + "😀" + "ạ".repeat(10);

        EncodedSms encoded = SmsEncoder.encode(text, 1);

        assertThat(encoded.segments().get(0)).hasSize(6 + 66 * 2);
        assertThat(HEX.formatHex(encoded.segments().get(1), 6, 10)).isEqualTo("d83dde00");
        assertThat(roundTrip(encoded)).isEqualTo(text);
    }

    @Test
    void longVietnameseTextRoundTripsThroughTheDecoder() {
        String text = "Mã xác thực VNeID của bạn là 123456. Không chia sẻ mã này cho bất kỳ ai, kể cả cán bộ công an.";

        EncodedSms encoded = SmsEncoder.encode(text, 200);

        assertThat(encoded.segmentCount()).isEqualTo(2);
        assertThat(roundTrip(encoded)).isEqualTo(text);
    }

    @Test
    void gsmBasicAndExtensionTablesRoundTrip() {
        String text = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€\f";

        EncodedSms encoded = SmsEncoder.encode(text, 0);

        assertThat(encoded.encodingName()).isEqualTo("gsm7");
        assertThat(roundTrip(encoded)).isEqualTo(text);
    }

    @Test
    void moreThan255SegmentsIsRefused() {
        assertThatThrownBy(() -> SmsEncoder.encode("a".repeat(153 * 255 + 1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 segments");
    }

    private static String roundTrip(EncodedSms encoded) {
        StringBuilder text = new StringBuilder();
        for (byte[] segment : encoded.segments()) {
            SmsDecoder.Segment decoded = SmsDecoder.decode(encoded.dataCoding(), (byte) (encoded.udh() ? 0x40 : 0),
                    segment);
            text.append(decoded.text());
        }
        return text.toString();
    }
}
