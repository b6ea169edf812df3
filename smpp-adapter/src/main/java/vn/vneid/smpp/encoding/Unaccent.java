package vn.vneid.smpp.encoding;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes Vietnamese letters as plain Latin ("Thẻ Căn cước" → "The Can cuoc"), so that a notice fits the GSM-7
 * alphabet: a 150-character notice is one GSM-7 SMS instead of three UCS-2 ones. Covers the twelve vowels
 * a ă â e ê i o ô ơ u ư y with each of the five tones (grave, acute, hook above, tilde, dot below) and without,
 * in both cases, and đ/Đ → d/D: 134 letters. Input may be precomposed (NFC) or decomposed (NFD, the base letter
 * followed by U+0302 U+0306 U+031B and/or U+0300 U+0301 U+0303 U+0309 U+0323, in any order); both give the same
 * result. Every other character, including a base letter with marks that do not make a Vietnamese letter, is
 * left as it is.
 */
public final class Unaccent {
    private static final String VOWELS = "aăâeêioôơuưy";
    private static final String[] TONES = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};
    /** Precomposed Vietnamese letter → plain Latin letter. */
    private static final Map<Character, Character> PLAIN = new HashMap<>();

    static {
        for (int v = 0; v < VOWELS.length(); v++) {
            char vowel = VOWELS.charAt(v);
            char base = Normalizer.normalize(String.valueOf(vowel), Normalizer.Form.NFD).charAt(0);
            for (String tone : TONES) {
                String letter = Normalizer.normalize(vowel + tone, Normalizer.Form.NFC);
                if (letter.length() != 1) {
                    throw new IllegalStateException("no precomposed form for " + vowel + tone);
                }
                if (letter.charAt(0) != base) {
                    PLAIN.put(letter.charAt(0), base);
                    PLAIN.put(Character.toUpperCase(letter.charAt(0)), Character.toUpperCase(base));
                }
            }
        }
        PLAIN.put('đ', 'd');
        PLAIN.put('Đ', 'D');
    }

    private Unaccent() {
    }

    /** {@code text} with every Vietnamese letter replaced by its plain Latin base letter. */
    public static String transliterate(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = i + 1;
            while (end < text.length() && isVietnameseMark(text.charAt(end))) {
                end++;
            }
            Character plain = end == i + 1 ? PLAIN.get(c) : plainOfCluster(text.substring(i, end));
            if (plain != null) {
                out.append(plain.charValue());
            } else {
                out.append(text, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    /** The plain letter for a base letter followed by combining marks, or null when they are not one letter. */
    private static Character plainOfCluster(String cluster) {
        String composed = Normalizer.normalize(cluster, Normalizer.Form.NFC);
        if (composed.length() != 1) {
            return null;
        }
        char c = composed.charAt(0);
        return PLAIN.get(c);
    }

    private static boolean isVietnameseMark(char c) {
        switch (c) {
            case '\u0300': case '\u0301': case '\u0303': case '\u0309': case '\u0323':
            case '\u0302': case '\u0306': case '\u031B':
                return true;
            default:
                return false;
        }
    }
}
