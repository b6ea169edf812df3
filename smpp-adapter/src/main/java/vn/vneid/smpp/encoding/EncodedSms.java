package vn.vneid.smpp.encoding;

import java.util.List;

/**
 * A text ready for submit_sm: the {@code data_coding} byte, one {@code short_message} per segment (each
 * starting with the concatenation UDH when {@code udh} is true, in which case esm_class needs UDHI 0x40) and
 * the encoding's name for metrics and logs ({@code gsm7} or {@code ucs2}). With {@code messagePayload} there is
 * exactly one "segment": the whole encoded text, to be sent in the {@code message_payload} TLV with an empty
 * {@code short_message}; {@code billedSegments} is then how many SMS the handset will receive.
 */
public record EncodedSms(byte dataCoding, List<byte[]> segments, boolean udh, String encodingName,
                         boolean messagePayload, int billedSegments) {
    public EncodedSms {
        segments = List.copyOf(segments);
    }

    /** Segments sent as separate submit_sm PDUs (no message_payload). */
    public EncodedSms(byte dataCoding, List<byte[]> segments, boolean udh, String encodingName) {
        this(dataCoding, segments, udh, encodingName, false, segments.size());
    }

    public int segmentCount() {
        return segments.size();
    }
}
