package vn.vneid.gateway.config;

import java.time.Duration;

/**
 * What keeps accepted work from being lost. {@code allowVolatile} ({@code redis.allowVolatile}): start and stay
 * ready on a Redis without an append-only file, accepting that a Redis restart loses queued notices, campaigns
 * and accepted OTPs (never the default outside dev mode). {@code otpLease} ({@code otp.outboxLease}): how long an
 * instance's claim on an accepted, unsent OTP lasts without renewal, i.e. how soon another instance sends the OTPs
 * of one that died. {@code checkEvery} ({@code redis.checkEvery}): how often persistence and data loss are checked.
 */
public record DurabilityConfig(boolean allowVolatile, Duration otpLease, Duration checkEvery) {

    public DurabilityConfig {
        if (otpLease.compareTo(Duration.ofSeconds(1)) < 0 || otpLease.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("otp.outboxLease must be 1s..5m");
        }
        if (checkEvery.compareTo(Duration.ofMillis(100)) < 0 || checkEvery.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("redis.checkEvery must be 100ms..10m");
        }
    }

    public static DurabilityConfig defaults() {
        return new DurabilityConfig(false, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** The defaults, but running on a Redis that does not persist (tests, tools). */
    public static DurabilityConfig allowingVolatile() {
        return defaults().withAllowVolatile(true);
    }

    public DurabilityConfig withAllowVolatile(boolean allow) {
        return new DurabilityConfig(allow, otpLease, checkEvery);
    }

    public DurabilityConfig withOtpLease(Duration lease) {
        return new DurabilityConfig(allowVolatile, lease, checkEvery);
    }

    /** Read from {@code redis.allowVolatile}, {@code redis.checkEvery} and {@code otp.outboxLease}. */
    static DurabilityConfig read(YamlNode root) {
        DurabilityConfig d = defaults();
        Object allow = root.path("redis", "allowVolatile");
        if (allow != null && !(allow instanceof Boolean)) {
            throw new ConfigException("redis.allowVolatile", "must be true or false, got '" + allow + "'");
        }
        try {
            return new DurabilityConfig(allow == null ? d.allowVolatile() : (Boolean) allow,
                    root.duration("otp", "outboxLease").orElse(d.otpLease()),
                    root.duration("redis", "checkEvery").orElse(d.checkEvery()));
        } catch (IllegalArgumentException e) {
            String[] keyAndRule = e.getMessage().split(" ", 2);
            throw new ConfigException(keyAndRule[0], keyAndRule[1]);
        }
    }
}
