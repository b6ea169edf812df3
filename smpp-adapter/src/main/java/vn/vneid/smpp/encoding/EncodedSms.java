package vn.vneid.smpp.encoding;

import java.util.List;

/**
 * A text ready for submit_sm: the {@code data_coding} byte, one {@code short_message} per segment (each
 * starting with the concatenation UDH when {@code udh} is true, in which case esm_class needs UDHI 0x40) and
 * the encoding's name for metrics and logs ({@code gsm7} or {@code ucs2}).
 */
public record EncodedSms(byte dataCoding, List<byte[]> segments, boolean udh, String encodingName) {
    public EncodedSms {
        segments = List.copyOf(segments);
    }

    public int segmentCount() {
        return segments.size();
    }
}
