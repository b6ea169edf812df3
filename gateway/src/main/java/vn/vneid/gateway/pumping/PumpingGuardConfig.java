package vn.vneid.gateway.pumping;

/** When OTP issues to one number prefix are held as SMS pumping, read from the {@code otp.pumpingGuard:} section. */
public record PumpingGuardConfig() {
    public static PumpingGuardConfig defaults() {
        return new PumpingGuardConfig();
    }
}
