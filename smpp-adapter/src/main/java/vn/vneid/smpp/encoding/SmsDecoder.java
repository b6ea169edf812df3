package vn.vneid.smpp.encoding;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one received {@code short_message}: strips a UDH when esm_class has UDHI (0x40) and reports its
 * concatenation element (8- or 16-bit reference), then decodes GSM 7-bit unpacked (0x00), IA5/ASCII (0x01),
 * Latin-1 (0x03) or UCS-2 (0x08); anything else is decoded as Latin-1. Used by the simulator.
 */
public final class SmsDecoder {
    private static final int UDHI = 0x40;

    private SmsDecoder() {
    }

    /** One segment: its text and, when it is part of a concatenated message, where it belongs. */
    public record Segment(String text, int reference, int total, int sequence) {
        public boolean isPart() {
            return total > 1;
        }
    }

    public static Segment decode(byte dataCoding, byte esmClass, byte[] shortMessage) {
        byte[] payload = shortMessage == null ? new byte[0] : shortMessage;
        int offset = 0;
        int reference = 0;
        int total = 1;
        int sequence = 1;
        if ((esmClass & UDHI) != 0 && payload.length > 0) {
            int udhl = payload[0] & 0xFF;
            if (udhl + 1 > payload.length) {
                throw new IllegalArgumentException("UDH length " + udhl + " exceeds the message");
            }
            int i = 1;
            while (i + 1 < udhl + 1) {
                int iei = payload[i] & 0xFF;
                int len = payload[i + 1] & 0xFF;
                if (iei == 0x00 && len == 3) {
                    reference = payload[i + 2] & 0xFF;
                    total = payload[i + 3] & 0xFF;
                    sequence = payload[i + 4] & 0xFF;
                } else if (iei == 0x08 && len == 4) {
                    reference = ((payload[i + 2] & 0xFF) << 8) | (payload[i + 3] & 0xFF);
                    total = payload[i + 4] & 0xFF;
                    sequence = payload[i + 5] & 0xFF;
                }
                i += 2 + len;
            }
            offset = udhl + 1;
        }
        return new Segment(decodeText(dataCoding, payload, offset), reference, total, sequence);
    }

    static String decodeText(byte dataCoding, byte[] payload, int offset) {
        int length = payload.length - offset;
        switch (dataCoding & 0xFF) {
            case 0x00:
                return gsm(payload, offset);
            case 0x01:
                return new String(payload, offset, length, StandardCharsets.US_ASCII);
            case 0x08:
                return new String(payload, offset, length, StandardCharsets.UTF_16BE);
            default:
                return new String(payload, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static String gsm(byte[] payload, int offset) {
        StringBuilder out = new StringBuilder(payload.length - offset);
        for (int i = offset; i < payload.length; i++) {
            int septet = payload[i] & 0x7F;
            if (septet == GsmAlphabet.ESCAPE && i + 1 < payload.length) {
                out.append(GsmAlphabet.extensionChar(payload[++i]));
            } else {
                out.append(GsmAlphabet.basicChar(septet));
            }
        }
        return out.toString();
    }
}
