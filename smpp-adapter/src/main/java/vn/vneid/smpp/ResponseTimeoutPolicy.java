package vn.vneid.smpp;

/**
 * What to do when a submit_sm gets no response in time. The SMSC may well have accepted it, so a resend can
 * mean a duplicate SMS (for an OTP, two messages with the same code, or worse, a code and a stale one).
 */
public enum ResponseTimeoutPolicy {
    /** Default: mark the message UNKNOWN and never resend it; a later delivery receipt can still settle it. */
    NEVER_RESEND,
    /** Resend once, accepting a possible duplicate; for carriers known to drop submits under load. */
    RESEND_ONCE
}
