package vn.vneid.smpp.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.vneid.smpp.LongMessageMode;

/**
 * Chooses the encoding and splits a text into segments.
 * <ul>
 *   <li>GSM 03.38 default alphabet (data_coding 0x00) when every character is in it, sent unpacked, one septet
 *   per octet; extension characters ({@code {}[]~\^|€} and form feed) cost two septets (ESC + code).
 *   One part holds 160 septets.</li>
 *   <li>Otherwise UCS-2 (data_coding 0x08, UTF-16BE): 70 code units in one part.</li>
 * </ul>
 * A text that fits one part is encoded the same way in every {@link LongMessageMode}. A longer one is:
 * <ul>
 *   <li>{@link LongMessageMode#UDH8}: segments of 153 septets / 67 UCS-2 units, each starting with
 *   {@code 05 00 03 ref total seq} (8-bit reference);</li>
 *   <li>{@link LongMessageMode#UDH16}: segments of 152 / 66, each starting with
 *   {@code 06 08 04 refHi refLo total seq} (16-bit reference);</li>
 *   <li>{@link LongMessageMode#PAYLOAD}: one "segment" holding the whole encoded text without UDH, for the
 *   {@code message_payload} TLV; {@link EncodedSms#billedSegments()} is what the UDH8 split would give, which is
 *   how many SMS the handset receives when the SMSC splits it.</li>
 * </ul>
 * A segment never ends in the middle of an escape pair or of a UTF-16 surrogate pair. At most 255 segments.
 */
public final class SmsEncoder {
    public static final byte DCS_GSM7 = 0x00;
    public static final byte DCS_UCS2 = 0x08;
    public static final String GSM7 = "gsm7";
    public static final String UCS2 = "ucs2";

    static final int GSM_SINGLE = 160;
    static final int GSM_MULTI = 153;
    static final int GSM_MULTI_16 = 152;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_MULTI = 67;
    static final int UCS2_MULTI_16 = 66;
    private static final int MAX_SEGMENTS = 255;
    private static final int MAX_REFERENCE = 0xFFFF;

    private SmsEncoder() {
    }

    /** True when every character of {@code text} is in the GSM default alphabet or its extension. */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (GsmAlphabet.septets(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #encode(String, int, LongMessageMode)} with {@link LongMessageMode#UDH8}. */
    public static EncodedSms encode(String text, int reference) {
        return encode(text, reference, LongMessageMode.UDH8, false);
    }

    /** {@link #encode(String, int, LongMessageMode, boolean)} sending the text as written. */
    public static EncodedSms encode(String text, int reference, LongMessageMode mode) {
        return encode(text, reference, mode, false);
    }

    /**
     * Encodes {@code text} for a carrier's {@link LongMessageMode}; with {@code unaccent} the Vietnamese letters
     * are first transliterated to plain Latin ({@link Unaccent#transliterate}), so that the text usually stays
     * GSM-7. {@code reference} (0..65535) identifies the parts of one concatenated message: UDH16 carries all
     * 16 bits, UDH8 its low 8 bits, so one 16-bit counter serves every mode. Throws
     * {@link IllegalArgumentException} when the reference is out of range or the text would need more than 255
     * segments.
     */
    public static EncodedSms encode(String text, int reference, LongMessageMode mode, boolean unaccent) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        if (reference < 0 || reference > MAX_REFERENCE) {
            throw new IllegalArgumentException("concatenation reference must be 0..65535, was " + reference);
        }
        String written = unaccent ? Unaccent.transliterate(text) : text;
        boolean gsm = isGsm7(written);
        byte dataCoding = gsm ? DCS_GSM7 : DCS_UCS2;
        String encodingName = gsm ? GSM7 : UCS2;
        int single = gsm ? GSM_SINGLE : UCS2_SINGLE;
        if (units(written, gsm) <= single) {
            return new EncodedSms(dataCoding, List.of(body(written, gsm)), false, encodingName);
        }
        if (mode == LongMessageMode.PAYLOAD) {
            int billed = split(written, gsm ? GSM_MULTI : UCS2_MULTI, gsm).size();
            checkSegments(billed);
            return new EncodedSms(dataCoding, List.of(body(written, gsm)), false, encodingName, true, billed);
        }
        boolean udh16 = mode == LongMessageMode.UDH16;
        int multi = gsm ? (udh16 ? GSM_MULTI_16 : GSM_MULTI) : (udh16 ? UCS2_MULTI_16 : UCS2_MULTI);
        List<String> parts = split(written, multi, gsm);
        checkSegments(parts.size());
        List<byte[]> segments = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            byte[] header = udh16
                    ? udh16(reference, parts.size(), i + 1)
                    : udh8(reference & 0xFF, parts.size(), i + 1);
            segments.add(concat(header, body(parts.get(i), gsm)));
        }
        return new EncodedSms(dataCoding, segments, true, encodingName);
    }

    private static void checkSegments(int count) {
        if (count > MAX_SEGMENTS) {
            throw new IllegalArgumentException("text needs " + count + " segments, at most 255 allowed");
        }
    }

    private static byte[] udh8(int reference, int total, int sequence) {
        return new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
    }

    private static byte[] udh16(int reference, int total, int sequence) {
        return new byte[] {0x06, 0x08, 0x04, (byte) (reference >>> 8), (byte) reference, (byte) total,
                (byte) sequence};
    }

    private static byte[] concat(byte[] header, byte[] body) {
        byte[] out = new byte[header.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    private static byte[] body(String text, boolean gsm) {
        return gsm ? gsmBytes(text) : text.getBytes(StandardCharsets.UTF_16BE);
    }

    /** Splits at character boundaries, so escape pairs and surrogate pairs stay in one segment. */
    private static List<String> split(String text, int multi, boolean gsm) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int width;
            int chars;
            if (gsm) {
                width = GsmAlphabet.septets(c);
                chars = 1;
            } else {
                chars = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
                width = chars;
            }
            if (used + width > multi) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += width;
            i += chars;
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Septets (GSM) or UTF-16 code units (UCS-2) the text needs. */
    private static int units(String text, boolean gsm) {
        if (!gsm) {
            return text.length();
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += GsmAlphabet.septets(text.charAt(i));
        }
        return n;
    }

    private static byte[] gsmBytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int septet = GsmAlphabet.basicSeptet(c);
            if (septet >= 0) {
                out.write(septet);
            } else {
                out.write(GsmAlphabet.ESCAPE);
                out.write(GsmAlphabet.extensionSeptet(c));
            }
        }
        return out.toByteArray();
    }
}
