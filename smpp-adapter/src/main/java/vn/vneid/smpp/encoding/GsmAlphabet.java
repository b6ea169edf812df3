package vn.vneid.smpp.encoding;

/**
 * The GSM 03.38 default alphabet and its extension table, one septet per character (unpacked). A character
 * of the extension table is sent as two septets: {@link #ESCAPE} followed by its code.
 */
final class GsmAlphabet {
    static final int ESCAPE = 0x1B;

    /** Index = septet; the character at {@link #ESCAPE} is a placeholder that is never matched. */
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final char[] EXTENSION = new char[128];
    private static final int[] SEPTET_OF = new int[0x2200];
    private static final int[] EXTENSION_OF = new int[0x2200];

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("GSM basic table must have 128 characters, has " + BASIC.length());
        }
        java.util.Arrays.fill(SEPTET_OF, -1);
        java.util.Arrays.fill(EXTENSION_OF, -1);
        for (int i = 0; i < 128; i++) {
            if (i != ESCAPE) {
                SEPTET_OF[BASIC.charAt(i)] = i;
            }
        }
        extension(0x0A, '\f');
        extension(0x14, '^');
        extension(0x28, '{');
        extension(0x29, '}');
        extension(0x2F, '\\');
        extension(0x3C, '[');
        extension(0x3D, '~');
        extension(0x3E, ']');
        extension(0x40, '|');
        extension(0x65, '€');
    }

    private GsmAlphabet() {
    }

    private static void extension(int code, char c) {
        EXTENSION[code] = c;
        EXTENSION_OF[c] = code;
    }

    /** The basic-table septet of {@code c}, or -1. */
    static int basicSeptet(char c) {
        return c < SEPTET_OF.length ? SEPTET_OF[c] : -1;
    }

    /** The extension-table code of {@code c} (to follow {@link #ESCAPE}), or -1. */
    static int extensionSeptet(char c) {
        return c < EXTENSION_OF.length ? EXTENSION_OF[c] : -1;
    }

    /** Septets {@code c} needs: 1 (basic), 2 (extension) or 0 when it is not in the alphabet. */
    static int septets(char c) {
        if (basicSeptet(c) >= 0) {
            return 1;
        }
        return extensionSeptet(c) >= 0 ? 2 : 0;
    }

    static char basicChar(int septet) {
        return BASIC.charAt(septet & 0x7F);
    }

    /** The extension character for {@code code}, or the basic one when the code has no extension meaning. */
    static char extensionChar(int code) {
        char c = EXTENSION[code & 0x7F];
        return c != 0 ? c : basicChar(code);
    }
}
