package vn.vneid.otp;

import java.time.Duration;

/**
 * The rules for one {@link Purpose}: how long a code is, how long it lives, how many wrong tries kill it,
 * how soon it may be resent, and how many may be sent per phone and per citizen ID.
 * Rate windows are sliding (the last hour, the last 24 hours), counted per purpose.
 */
public record OtpPolicy(
        int codeLength,
        Duration ttl,
        int maxAttempts,
        Duration resendCooldown,
        int maxPerPhonePerHour,
        int maxPerPhonePerDay,
        int maxPerCitizenPerDay) {

    public static final OtpPolicy DEFAULT =
            new OtpPolicy(6, Duration.ofMinutes(5), 5, Duration.ofSeconds(60), 5, 10, 10);

    public OtpPolicy {
        require(codeLength >= 4 && codeLength <= 10, "codeLength", "must be 4..10");
        require(ttl != null && ttl.toSeconds() >= 30 && ttl.toHours() <= 24, "ttl", "must be 30s..24h");
        require(maxAttempts >= 1 && maxAttempts <= 20, "maxAttempts", "must be 1..20");
        require(resendCooldown != null && !resendCooldown.isNegative() && resendCooldown.compareTo(ttl) <= 0,
                "resendCooldown", "must be 0..ttl");
        require(maxPerPhonePerHour >= 1, "maxPerPhonePerHour", "must be at least 1");
        require(maxPerPhonePerDay >= maxPerPhonePerHour, "maxPerPhonePerDay", "must be at least maxPerPhonePerHour");
        require(maxPerCitizenPerDay >= 1, "maxPerCitizenPerDay", "must be at least 1");
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + rule);
        }
    }
}
