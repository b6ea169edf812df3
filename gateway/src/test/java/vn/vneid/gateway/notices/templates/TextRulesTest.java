package vn.vneid.gateway.notices.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.vneid.gateway.notices.templates.TextRules.Breaks;

class TextRulesTest {

    @ParameterizedTest(name = "U+{0} ({1}) is refused")
    @CsvSource(delimiter = '|', value = {
            "0000|a control character",
            "0007|a control character",
            "0009|a control character",
            "000D|a control character",
            "001B|a control character",
            "007F|a control character",
            "0085|a control character",
            "009B|a control character",
            "2028|a line or paragraph separator",
            "2029|a line or paragraph separator",
            "202A|a bidirectional control",
            "202B|a bidirectional control",
            "202C|a bidirectional control",
            "202D|a bidirectional control",
            "202E|a bidirectional control",
            "2066|a bidirectional control",
            "2067|a bidirectional control",
            "2068|a bidirectional control",
            "2069|a bidirectional control",
            "200E|a bidirectional control",
            "200F|a bidirectional control",
            "061C|a bidirectional control",
            "200B|an invisible formatting character",
            "200C|an invisible formatting character",
            "200D|an invisible formatting character",
            "2060|an invisible formatting character",
            "2061|an invisible formatting character",
            "2062|an invisible formatting character",
            "2063|an invisible formatting character",
            "2064|an invisible formatting character",
            "FEFF|an invisible formatting character",
            "00AD|an invisible formatting character",
            "180E|an invisible formatting character",
            "E0041|an invisible formatting character",
            "3164|an invisible filler",
            "115F|an invisible filler",
            "034F|an invisible filler",
            "D800|an unpaired surrogate",
            "DFFF|an unpaired surrogate",
    })
    void forbiddenCharactersAreRefusedAndNamedWithTheirPlace(String hex, String kind) {
        String bad = new String(Character.toChars(Integer.parseInt(hex, 16)));
        String text = "Ma so " + bad + " cua ban";
        String expected = "must not contain U+" + hex + " (" + kind + "), found at character 7";
        assertThat(TextRules.violation(text, Breaks.LINE_FEED)).contains(expected);
        assertThat(TextRules.violation(text, Breaks.NONE)).contains(expected);
    }

    @ParameterizedTest(name = "{0} passes")
    @CsvSource(delimiter = '|', value = {
            "VNeID: Ma kich hoat cua ban la 483920, hieu luc 5 phut.",
            "Thông báo: CCCD của bạn hết hạn ngày 15/03/2027. Đến cơ quan công an để làm lại.",
            "Nguyễn Thị Ánh Tuyết",
            "Giá: 150.000₫ (phí 2,5%) – xem https://vneid.gov.vn/a?b=c&d=e",
            "漢字 ăâđêôơư ẮẰẲẴẶ",
            "emoji 👍 with a variation selector ☎️",
    })
    void ordinaryTextPasses(String text) {
        assertThat(TextRules.violation(text, Breaks.NONE)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aLineFeedPassesOnlyWhereLineBreaksAreAllowed() {
        String twoLines = "Dong mot\nDong hai";
        assertThat(TextRules.violation(twoLines, Breaks.LINE_FEED)).isEmpty();
        assertThat(TextRules.violation(twoLines, Breaks.NONE))
                .contains("must not contain U+000A (a line break), found at character 9");
        assertThat(TextRules.violation("Dong mot\r\nDong hai", Breaks.LINE_FEED)).get().asString()
                .startsWith("must not contain U+000D");
    }

    @org.junit.jupiter.api.Test
    void aSurrogatePairIsOneCharacterAndPositionsCountCharactersNotUnits() {
        assertThat(TextRules.violation("👍👍\u202Eabc", Breaks.NONE))
                .contains("must not contain U+202E (a bidirectional control), found at character 3");
        assertThat(TextRules.violation("ok\uD83D", Breaks.NONE)).get().asString()
                .startsWith("must not contain U+D83D (an unpaired surrogate)");
    }
}
