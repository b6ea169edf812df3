package vn.vneid.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tables against 3GPP TS 23.038 §6.2.1 (default alphabet) and §6.2.1.1 (extension table), by code point. */
class GsmAlphabetTest {
    /** Septet 0x00..0x7F → Unicode code point, as printed in TS 23.038; 0x1B is the escape (-1). */
    private static final int[] DEFAULT_ALPHABET = {
            0x0040, 0x00A3, 0x0024, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,
            0x00F2, 0x00C7, 0x000A, 0x00D8, 0x00F8, 0x000D, 0x00C5, 0x00E5,
            0x0394, 0x005F, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,
            0x03A3, 0x0398, 0x039E, -1, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
            0x0020, 0x0021, 0x0022, 0x0023, 0x00A4, 0x0025, 0x0026, 0x0027,
            0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F,
            0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
            0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
            0x00A1, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
            0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F,
            0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057,
            0x0058, 0x0059, 0x005A, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
            0x00BF, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067,
            0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
            0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
            0x0078, 0x0079, 0x007A, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
    };

    @Test
    void everyDefaultAlphabetCharacterHasItsSeptetAndCostsOne() {
        for (int septet = 0; septet < 128; septet++) {
            int codePoint = DEFAULT_ALPHABET[septet];
            if (codePoint < 0) {
                continue;
            }
            char c = (char) codePoint;
            assertThat(GsmAlphabet.basicSeptet(c)).as("septet of U+%04X", codePoint).isEqualTo(septet);
            assertThat(GsmAlphabet.basicChar(septet)).as("character of septet 0x%02X", septet).isEqualTo(c);
            assertThat(GsmAlphabet.septets(c)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "U+{0} -> ESC {1}")
    @CsvSource({"000C, 0A", "005E, 14", "007B, 28", "007D, 29", "005C, 2F", "005B, 3C", "007E, 3D", "005D, 3E",
            "007C, 40", "20AC, 65"})
    void extensionCharactersCostTwoSeptets(String codePoint, String code) {
        char c = (char) Integer.parseInt(codePoint, 16);

        assertThat(GsmAlphabet.basicSeptet(c)).isEqualTo(-1);
        assertThat(GsmAlphabet.extensionSeptet(c)).isEqualTo(Integer.parseInt(code, 16));
        assertThat(GsmAlphabet.extensionChar(Integer.parseInt(code, 16))).isEqualTo(c);
        assertThat(GsmAlphabet.septets(c)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"`", "ç", "á", "ạ", "đ", "Ă", "\u2206", "\u2126", "\uFFFF", "\u001B", "\t"})
    void charactersOutsideBothTablesAreNotGsm(String s) {
        // U+2206 INCREMENT and U+2126 OHM SIGN look like Δ and Ω but are not the Greek letters of the table.
        assertThat(GsmAlphabet.septets(s.charAt(0))).isZero();
    }
}
