package vn.vneid.smpp.internal;

import io.netty.buffer.ByteBuf;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUComposer;
import org.jsmpp.util.PDUDecomposer;

/**
 * SMPP 3.4 framing facts and the jSMPP codec the sessions use: jSMPP's {@link DefaultComposer} encodes every PDU
 * we send and its {@link DefaultDecomposer} decodes every PDU we read (both are stateless, so one instance each
 * serves every session); this class only reads the 16-byte header straight from a frame.
 */
public final class Pdus {
    /** command_length (4) + command_id (4) + command_status (4) + sequence_number (4). */
    public static final int HEADER_LENGTH = 16;
    /** The largest PDU read: a deliver_sm with a 64 KiB message_payload fits. */
    public static final int MAX_LENGTH = 70_000;
    /** Sequence numbers run 1..0x7FFFFFFF and wrap (SMPP 3.4 §3.2). */
    public static final int MAX_SEQUENCE = 0x7FFFFFFF;
    public static final int RESPONSE_BIT = 0x80000000;

    public static final PDUComposer COMPOSER = new DefaultComposer();
    public static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();

    public static final int GENERIC_NACK = SMPPConstant.CID_GENERIC_NACK;
    public static final int SUBMIT_SM = SMPPConstant.CID_SUBMIT_SM;
    public static final int DELIVER_SM = SMPPConstant.CID_DELIVER_SM;
    public static final int DATA_SM = SMPPConstant.CID_DATA_SM;
    public static final int UNBIND = SMPPConstant.CID_UNBIND;
    public static final int ENQUIRE_LINK = SMPPConstant.CID_ENQUIRE_LINK;
    public static final int ALERT_NOTIFICATION = SMPPConstant.CID_ALERT_NOTIFICATION;
    public static final int ESME_RINVCMDID = SMPPConstant.STAT_ESME_RINVCMDID;
    public static final int ESME_RSYSERR = SMPPConstant.STAT_ESME_RSYSERR;

    private Pdus() {
    }

    public static int commandId(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + 4);
    }

    public static int commandStatus(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + 8);
    }

    public static int sequenceNumber(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + 12);
    }

    public static boolean isResponse(int commandId) {
        return (commandId & RESPONSE_BIT) != 0;
    }

    /** The sequence number after {@code current}: 1..0x7FFFFFFF, wrapping to 1. */
    public static int nextSequence(int current) {
        return current >= MAX_SEQUENCE || current < 1 ? 1 : current + 1;
    }

    /** {@code pdu} with its command_status set to {@code status} (jSMPP composes some responses with 0 only). */
    static byte[] withStatus(byte[] pdu, int status) {
        pdu[8] = (byte) (status >>> 24);
        pdu[9] = (byte) (status >>> 16);
        pdu[10] = (byte) (status >>> 8);
        pdu[11] = (byte) status;
        return pdu;
    }
}
