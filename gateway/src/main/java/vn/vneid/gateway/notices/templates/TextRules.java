package vn.vneid.gateway.notices.templates;

import java.util.Locale;
import java.util.Optional;

/**
 * What text may reach a handset or an operator's screen. Refused everywhere: control characters (C0, DEL, C1;
 * a line feed only where {@link Breaks#LINE_FEED} allows it, never CR, tab or the Unicode line and paragraph
 * separators), bidirectional overrides, embeddings, isolates and marks (U+202A..U+202E, U+2066..U+2069,
 * U+200E, U+200F, U+061C), which can make a scam link read as a government one; zero-width and other invisible
 * characters (U+200B..U+200D, U+2060..U+2064, U+FEFF, U+00AD, U+180E, U+034F, the Hangul fillers; in general
 * every format character, Unicode category Cf, which tag characters and the rest of those belong to), which can
 * hide text from a reviewer; and unpaired surrogates, which are no text at all. Everything else, Vietnamese with
 * its diacritics included, passes. {@link #violation} says what was found and where, without echoing the text.
 */
public final class TextRules {
    /** Whether a line feed is allowed: in free text and template bodies, not in one-line values or names. */
    public enum Breaks { LINE_FEED, NONE }

    private TextRules() {
    }

    /**
     * Empty when {@code text} passes; else the rule it breaks as the end of a sentence about its field,
     * such as "must not contain U+202E (a bidirectional control), found at character 7".
     */
    public static Optional<String> violation(String text, Breaks breaks) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String kind = kind(c, breaks);
            if (kind != null) {
                return Optional.of("must not contain " + codePoint(c) + " (" + kind + "), found at character "
                        + (text.codePointCount(0, i) + 1));
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /** What kind of forbidden character {@code c} is, or null when it is allowed. */
    static String kind(int c, Breaks breaks) {
        if (c == '\n') {
            return breaks == Breaks.LINE_FEED ? null : "a line break";
        }
        if (Character.isSurrogate((char) c) && c <= Character.MAX_VALUE) {
            return "an unpaired surrogate";
        }
        if (c == 0x2028 || c == 0x2029) {
            return "a line or paragraph separator";
        }
        if (isBidi(c)) {
            return "a bidirectional control";
        }
        switch (Character.getType(c)) {
            case Character.CONTROL:
                return "a control character";
            case Character.FORMAT:
                return "an invisible formatting character";
            default:
                return isFiller(c) ? "an invisible filler" : null;
        }
    }

    private static boolean isBidi(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** Characters that render as nothing although Unicode does not class them as format characters. */
    private static boolean isFiller(int c) {
        return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x180E;
    }

    private static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }
}
