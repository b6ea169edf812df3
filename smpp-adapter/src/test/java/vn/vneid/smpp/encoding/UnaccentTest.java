package vn.vneid.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnaccentTest {
    /** Each vowel with grave, acute, hook above, tilde, dot below, written out as a Vietnamese keyboard types them. */
    private static final String[][] TONED = {
            {"a", "àáảãạ"}, {"a", "ằắẳẵặ"}, {"a", "ầấẩẫậ"},
            {"e", "èéẻẽẹ"}, {"e", "ềếểễệ"},
            {"i", "ìíỉĩị"},
            {"o", "òóỏõọ"}, {"o", "ồốổỗộ"}, {"o", "ờớởỡợ"},
            {"u", "ùúủũụ"}, {"u", "ừứửữự"},
            {"y", "ỳýỷỹỵ"},
    };
    private static final String UNTONED = "ăâêôơưđ";
    private static final String UNTONED_PLAIN = "aaeooud";

    /** The 134 accented letters (67 lower case, 67 upper case) → plain letter. */
    private static Map<String, String> allLetters() {
        Map<String, String> letters = new LinkedHashMap<>();
        for (String[] row : TONED) {
            for (char c : row[1].toCharArray()) {
                letters.put(String.valueOf(c), row[0]);
            }
        }
        for (int i = 0; i < UNTONED.length(); i++) {
            letters.put(UNTONED.substring(i, i + 1), UNTONED_PLAIN.substring(i, i + 1));
        }
        Map<String, String> both = new LinkedHashMap<>(letters);
        letters.forEach((k, v) -> both.put(k.toUpperCase(), v.toUpperCase()));
        return both;
    }

    @Test
    void theTableHas134LettersAndEqualsVowelsTimesTonesBuiltFromCombiningMarks() {
        Map<String, String> letters = allLetters();
        String[] tones = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};
        Map<String, String> generated = new LinkedHashMap<>();
        // Each base letter with the marks that make its modified vowels (ă â ê ô ơ ư), or with none.
        String[][] bases = {{"a", "", "\u0306", "\u0302"}, {"e", "", "\u0302"}, {"i", ""},
                {"o", "", "\u0302", "\u031B"},
                {"u", "", "\u031B"}, {"y", ""}};
        for (String[] base : bases) {
            for (int m = 1; m < base.length; m++) {
                for (String tone : tones) {
                    if (base[m].isEmpty() && tone.isEmpty()) {
                        continue;
                    }
                    String letter = Normalizer.normalize(base[0] + base[m] + tone, Normalizer.Form.NFC);
                    generated.put(letter, base[0]);
                    generated.put(letter.toUpperCase(), base[0].toUpperCase());
                }
            }
        }
        generated.put("đ", "d");
        generated.put("Đ", "D");

        assertThat(letters).hasSize(134).isEqualTo(generated);
    }

    @Test
    void everyAccentedLetterBecomesItsBaseLetter() {
        allLetters().forEach((letter, plain) ->
                assertThat(Unaccent.transliterate(letter)).as(letter).isEqualTo(plain));
    }

    @Test
    void decomposedInputGivesTheSameResultAsPrecomposed() {
        allLetters().forEach((letter, plain) -> {
            String nfd = Normalizer.normalize(letter, Normalizer.Form.NFD);
            assertThat(Unaccent.transliterate(nfd)).as("NFD of %s", letter).isEqualTo(plain);
        });
        String notice = "Thẻ Căn cước công dân của ông/bà sẽ hết hạn. Đến cơ quan Công an để làm thủ tục.";

        assertThat(Unaccent.transliterate(Normalizer.normalize(notice, Normalizer.Form.NFD)))
                .isEqualTo(Unaccent.transliterate(Normalizer.normalize(notice, Normalizer.Form.NFC)))
                .isEqualTo("The Can cuoc cong dan cua ong/ba se het han. Den co quan Cong an de lam thu tuc.");
    }

    @Test
    void marksInNonCanonicalOrderStillMakeTheLetter() {
        // a + dot below + circumflex is the same letter as a + circumflex + dot below (ậ).
        assertThat(Unaccent.transliterate("a\u0323\u0302")).isEqualTo("a");
        assertThat(Unaccent.transliterate("ê\u0301")).isEqualTo("e");
        assertThat(Unaccent.transliterate("U\u031B\u0300")).isEqualTo("U");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mã OTP: 123456 @€{}", "plain ASCII", "ñ ü ç ß Ä", "n\u0303", "😀 日本", "", "\u0301"})
    void otherCharactersAreLeftAsTheyAre(String text) {
        String expected = text.replace("ã", "a");

        assertThat(Unaccent.transliterate(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "Nguyễn Văn Đức, Nguyen Van Duc",
            "TRẦN THỊ HƯƠNG, TRAN THI HUONG",
            "Bộ Công an, Bo Cong an",
    })
    void namesAreWrittenPlain(String name, String plain) {
        assertThat(Unaccent.transliterate(name)).isEqualTo(plain);
    }
}
