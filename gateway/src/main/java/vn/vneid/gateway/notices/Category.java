package vn.vneid.gateway.notices;

/**
 * What kind of notice a message is. TRANSACTIONAL (results of procedures, account notices) goes out day and
 * night ahead of bulk; BULK (greetings, reminders, warnings, campaigns) respects quiet hours, pace and opt-outs.
 * OTPs are neither: they never enter a lane (they go straight to the carrier queue as priority messages).
 */
public enum Category {
    TRANSACTIONAL,
    BULK
}
