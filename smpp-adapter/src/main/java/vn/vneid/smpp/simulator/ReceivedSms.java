package vn.vneid.smpp.simulator;

import java.time.Instant;

/**
 * One message as the simulator received it, reassembled from its segments: the id it answered for the last
 * segment (the id receipts name), source and destination addresses as sent, the decoded text, the number of
 * segments and their encoding ({@code gsm7}, {@code ucs2}, ...).
 */
public record ReceivedSms(String smscMessageId, String from, String to, String text, int segments,
                          String encoding, Instant receivedAt) {

    /** The text holds OTP codes in dev mode: keep it out of accidental logs. */
    @Override
    public String toString() {
        return "ReceivedSms[id=" + smscMessageId + ", from=" + from + ", to=" + vn.vneid.smpp.Msisdn.mask(to)
                + ", segments=" + segments + ", encoding=" + encoding + "]";
    }
}
