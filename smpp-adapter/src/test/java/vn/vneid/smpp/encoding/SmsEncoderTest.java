package vn.vneid.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import vn.vneid.smpp.LongMessageMode;

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

    @ParameterizedTest(name = "{1} chars of {2} in {0} -> {4} segment(s) in {3}")
    @CsvSource({
            "UDH16, 160, a, gsm7, 1",
            "UDH16, 161, a, gsm7, 2",
            "UDH16, 304, a, gsm7, 2",
            "UDH16, 305, a, gsm7, 3",
            "UDH16, 152, {, gsm7, 2",
            "UDH16, 153, {, gsm7, 3",
            "UDH16, 70, ạ, ucs2, 1",
            "UDH16, 71, ạ, ucs2, 2",
            "UDH16, 132, ạ, ucs2, 2",
            "UDH16, 133, ạ, ucs2, 3",
            "UDH8, 306, a, gsm7, 2",
            "UDH8, 134, ạ, ucs2, 2",
    })
    void segmentCountsAtTheBoundariesPerMode(LongMessageMode mode, int length, String ch, String encoding,
                                             int segments) {
        EncodedSms encoded = SmsEncoder.encode(ch.repeat(length), 7, mode);

        assertThat(encoded.encodingName()).isEqualTo(encoding);
        assertThat(encoded.segmentCount()).isEqualTo(segments);
        assertThat(encoded.billedSegments()).isEqualTo(segments);
        assertThat(encoded.messagePayload()).isFalse();
    }

    @Test
    void udh16SegmentsHold152SeptetsAfterASevenByteHeader() {
        EncodedSms encoded = SmsEncoder.encode("a".repeat(153) + "b".repeat(10), 0xBEEF, LongMessageMode.UDH16);

        assertThat(encoded.segments().get(0)).hasSize(7 + 152);
        assertThat(HEX.formatHex(encoded.segments().get(0), 0, 7)).isEqualTo("060804beef0201");
        assertThat(HEX.formatHex(encoded.segments().get(1))).isEqualTo("060804beef0202" + "61" + "62".repeat(10));
    }

    @ParameterizedTest(name = "{0} chars of {1} -> one payload billed as {2}")
    @CsvSource({
            "161, a, 2",
            "306, a, 2",
            "307, a, 3",
            "71, ạ, 2",
            "135, ạ, 3",
    })
    void payloadIsOneSegmentWithoutUdhBilledAsTheUdh8SplitWouldBe(int length, String ch, int billed) {
        String text = ch.repeat(length);

        EncodedSms encoded = SmsEncoder.encode(text, 7, LongMessageMode.PAYLOAD);

        assertThat(encoded.messagePayload()).isTrue();
        assertThat(encoded.udh()).isFalse();
        assertThat(encoded.segmentCount()).isEqualTo(1);
        assertThat(encoded.billedSegments()).isEqualTo(billed);
        assertThat(encoded.segments().get(0)).isEqualTo(SmsEncoder.encode(text, 7).segments().stream()
                .map(s -> java.util.Arrays.copyOfRange(s, 6, s.length))
                .reduce(new byte[0], SmsEncoderTest::concat));
    }

    @Test
    void payloadCountsBilledSegmentsWithEscapePairsKeptWhole() {
        // 152 septets + € (2): the UDH8 split moves the € to part two, so 2 SMS for 163 septets.
        EncodedSms encoded = SmsEncoder.encode("a".repeat(152) + "€" + "b".repeat(9), 0, LongMessageMode.PAYLOAD);

        assertThat(encoded.billedSegments()).isEqualTo(2);
        assertThat(encoded.segments().get(0)).hasSize(152 + 2 + 9);
    }

    @ParameterizedTest
    @EnumSource(LongMessageMode.class)
    void singlePartTextIsIdenticalInEveryMode(LongMessageMode mode) {
        EncodedSms encoded = SmsEncoder.encode("Hi@ 5€", 0x1234, mode);

        assertThat(encoded.segments()).singleElement().satisfies(b -> assertThat(HEX.formatHex(b))
                .isEqualTo("4869002035" + "1b65"));
        assertThat(encoded.udh()).isFalse();
        assertThat(encoded.messagePayload()).isFalse();
        assertThat(encoded.billedSegments()).isEqualTo(1);
    }

    @Test
    void twoPartGsmTextWithUdh8HasExactBytes() {
        // 152 septets, then € (2 septets) does not fit the 153 of part one and opens part two.
        String text = "0123456789".repeat(15) + "ab" + "€@" + "0123456789";

        EncodedSms encoded = SmsEncoder.encode(text, 0x2A, LongMessageMode.UDH8);

        assertThat(encoded.dataCoding()).isEqualTo((byte) 0x00);
        assertThat(HEX.formatHex(encoded.segments().get(0)))
                .isEqualTo("0500032a0201" + "30313233343536373839".repeat(15) + "6162");
        assertThat(HEX.formatHex(encoded.segments().get(1)))
                .isEqualTo("0500032a0202" + "1b6500" + "30313233343536373839");
    }

    @Test
    void twoPartGsmTextWithUdh16HasExactBytes() {
        String text = "0123456789".repeat(15) + "ab" + "€@" + "0123456789";

        EncodedSms encoded = SmsEncoder.encode(text, 0x1234, LongMessageMode.UDH16);

        assertThat(HEX.formatHex(encoded.segments().get(0)))
                .isEqualTo("06080412340201" + "30313233343536373839".repeat(15) + "6162");
        assertThat(HEX.formatHex(encoded.segments().get(1)))
                .isEqualTo("06080412340202" + "1b6500" + "30313233343536373839");
    }

    @Test
    void twoPartUcs2VietnameseTextWithUdh8HasExactBytes() {
        String text = "Mã xác thực VNeID của bạn là 482913. Mã có hiệu lực trong 5 phút, không chia sẻ.";

        EncodedSms encoded = SmsEncoder.encode(text, 7, LongMessageMode.UDH8);

        assertThat(encoded.dataCoding()).isEqualTo((byte) 0x08);
        assertThat(HEX.formatHex(encoded.segments().get(0))).isEqualTo(""
                + "050003070201004d00e30020007800e100630020007400681ef1006300200056004e006500490044002000631ee70061"
                + "002000621ea1006e0020006c00e00020003400380032003900310033002e0020004d00e30020006300f3002000680069"
                + "1ec700750020006c1ef10063002000740072006f006e00670020003500200070006800fa0074002c0020006b");
        assertThat(HEX.formatHex(encoded.segments().get(1)))
                .isEqualTo("050003070202006800f4006e006700200063006800690061002000731ebb002e");
    }

    @Test
    void udh8CarriesTheLowEightBitsOfASixteenBitReference() {
        EncodedSms encoded = SmsEncoder.encode("a".repeat(161), 0x1234, LongMessageMode.UDH8);

        assertThat(HEX.formatHex(encoded.segments().get(0), 0, 6)).isEqualTo("050003340201");
    }

    @ParameterizedTest
    @CsvSource({"-1", "65536"})
    void referenceOutsideSixteenBitsIsRefused(int reference) {
        assertThatThrownBy(() -> SmsEncoder.encode("hi", reference, LongMessageMode.UDH16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..65535");
    }

    @Test
    void payloadOfMoreThan255BilledSegmentsIsRefused() {
        assertThatThrownBy(() -> SmsEncoder.encode("a".repeat(153 * 255 + 1), 0, LongMessageMode.PAYLOAD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 segments");
    }

    @Test
    void udh16SegmentsRoundTripThroughTheDecoderWithTheirReference() {
        String text = "ạ".repeat(65) + "😀" + "ạ".repeat(10);

        EncodedSms encoded = SmsEncoder.encode(text, 0xABCD, LongMessageMode.UDH16);

        assertThat(encoded.segments().get(0)).hasSize(7 + 65 * 2);
        SmsDecoder.Segment second = SmsDecoder.decode(encoded.dataCoding(), (byte) 0x40, encoded.segments().get(1));
        assertThat(second.reference()).isEqualTo(0xABCD);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.total()).isEqualTo(2);
        assertThat(roundTrip(encoded)).isEqualTo(text);
    }

    @Test
    void unaccentTurnsAThreeSegmentVietnameseNoticeIntoOneGsmSegment() {
        String notice = "Thông báo: Thẻ Căn cước công dân của ông/bà sẽ hết hạn vào ngày 15/03/2027. Vui lòng đến "
                + "cơ quan Công an gần nhất để làm thủ tục cấp đổi thẻ. Cảm ơn.";

        EncodedSms asWritten = SmsEncoder.encode(notice, 1, LongMessageMode.UDH8, false);
        EncodedSms unaccented = SmsEncoder.encode(notice, 1, LongMessageMode.UDH8, true);

        assertThat(notice).hasSize(149);
        assertThat(asWritten.encodingName()).isEqualTo("ucs2");
        assertThat(asWritten.segmentCount()).isEqualTo(3);
        assertThat(unaccented.encodingName()).isEqualTo("gsm7");
        assertThat(unaccented.segmentCount()).isEqualTo(1);
        assertThat(roundTrip(unaccented)).isEqualTo("Thong bao: The Can cuoc cong dan cua ong/ba se het han vao ngay "
                + "15/03/2027. Vui long den co quan Cong an gan nhat de lam thu tuc cap doi the. Cam on.");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
