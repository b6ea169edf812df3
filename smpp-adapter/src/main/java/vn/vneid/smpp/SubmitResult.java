package vn.vneid.smpp;

import java.time.Duration;
import java.util.List;

/**
 * How a submit ended. {@link Status#ACCEPTED} carries the SMSC's message id of every segment (in order);
 * the other statuses carry the SMPP {@code command_status} (0 when there was none) and a reason for humans.
 */
public record SubmitResult(
        Status status,
        String carrier,
        List<String> smscMessageIds,
        int segments,
        int commandStatus,
        String reason,
        Duration latency) {

    public enum Status {
        /** The SMSC accepted every segment. */
        ACCEPTED,
        /** Refused for now (throttled, queue full, no session); the caller may retry later. */
        REJECTED_TEMPORARY,
        /** Refused for good (bad destination, bad source, ...). */
        REJECTED_PERMANENT,
        /** Sent, but no response came in time: it may or may not have been accepted. Not resent blindly. */
        UNKNOWN,
        /** {@link OutboundSms#validUntil()} passed before it could be submitted. */
        EXPIRED
    }

    public static SubmitResult accepted(String carrier, List<String> ids, Duration latency) {
        return new SubmitResult(Status.ACCEPTED, carrier, List.copyOf(ids), ids.size(), 0, "", latency);
    }

    public static SubmitResult failed(Status status, String carrier, int segments, int commandStatus,
                                      String reason, Duration latency) {
        return new SubmitResult(status, carrier, List.of(), segments, commandStatus, reason, latency);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** The id receipts will name: the last segment's, as SMSCs report per segment. */
    public String smscMessageId() {
        return smscMessageIds.isEmpty() ? null : smscMessageIds.get(smscMessageIds.size() - 1);
    }
}
