package vn.vneid.smpp.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the encoding and splits a text into segments.
 * <ul>
 *   <li>GSM 03.38 default alphabet (data_coding 0x00) when every character is in it, sent unpacked, one septet
 *   per octet; extension characters ({@code {}[]~\^|€} and form feed) cost two septets (ESC + code).
 *   One part holds 160 septets; a multipart segment holds 153.</li>
 *   <li>Otherwise UCS-2 (data_coding 0x08, UTF-16BE): 70 code units in one part, 67 per multipart segment.</li>
 * </ul>
 * Multipart segments start with the 8-bit-reference concatenation UDH {@code 05 00 03 ref total seq}. A
 * segment never ends in the middle of an escape pair or of a UTF-16 surrogate pair. At most 255 segments.
 */
public final class SmsEncoder {
    public static final byte DCS_GSM7 = 0x00;
    public static final byte DCS_UCS2 = 0x08;
    public static final String GSM7 = "gsm7";
    public static final String UCS2 = "ucs2";

    static final int GSM_SINGLE = 160;
    static final int GSM_MULTI = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_MULTI = 67;
    private static final int MAX_SEGMENTS = 255;

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

    /**
     * Encodes {@code text}; {@code reference} (0..255) goes into the concatenation UDH when the text needs
     * several segments. Throws {@link IllegalArgumentException} when it would need more than 255 segments.
     */
    /** Encodes for a carrier's {@link LongMessageMode}. TODO(issue 3): UDH16 and PAYLOAD. */
    public static EncodedSms encode(String text, int reference, vn.vneid.smpp.LongMessageMode mode) {
        if (mode != vn.vneid.smpp.LongMessageMode.UDH8) {
            throw new UnsupportedOperationException(mode + " is not implemented yet");
        }
        return encode(text, reference);
    }

    public static EncodedSms encode(String text, int reference) {
        boolean gsm = isGsm7(text);
        List<String> parts = gsm
                ? split(text, GSM_SINGLE, GSM_MULTI, true)
                : split(text, UCS2_SINGLE, UCS2_MULTI, false);
        if (parts.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException("text needs " + parts.size() + " segments, at most 255 allowed");
        }
        boolean udh = parts.size() > 1;
        List<byte[]> segments = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            byte[] body = gsm ? gsmBytes(parts.get(i)) : parts.get(i).getBytes(StandardCharsets.UTF_16BE);
            if (udh) {
                byte[] withHeader = new byte[6 + body.length];
                withHeader[0] = 0x05;
                withHeader[1] = 0x00;
                withHeader[2] = 0x03;
                withHeader[3] = (byte) reference;
                withHeader[4] = (byte) parts.size();
                withHeader[5] = (byte) (i + 1);
                System.arraycopy(body, 0, withHeader, 6, body.length);
                body = withHeader;
            }
            segments.add(body);
        }
        return new EncodedSms(gsm ? DCS_GSM7 : DCS_UCS2, segments, udh, gsm ? GSM7 : UCS2);
    }

    /** Splits at character boundaries, so escape pairs and surrogate pairs stay in one segment. */
    private static List<String> split(String text, int single, int multi, boolean gsm) {
        if (units(text, 0, text.length(), gsm) <= single) {
            return List.of(text);
        }
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

    private static int units(String text, int from, int to, boolean gsm) {
        if (!gsm) {
            return to - from;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
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
