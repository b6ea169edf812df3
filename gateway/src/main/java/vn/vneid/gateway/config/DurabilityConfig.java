package vn.vneid.gateway.config;

/** What keeps accepted work from being lost (Redis persistence check, the OTP outbox). */
public record DurabilityConfig() {
    public static DurabilityConfig defaults() {
        return new DurabilityConfig();
    }
}
