package vn.vneid.otp;

/** The limits an issue can hit; {@link #label()} is the stable name used in API codes and metric labels. */
public enum RateLimit {
    RESEND_COOLDOWN("cooldown"),
    PHONE_HOURLY("phone_hour"),
    PHONE_DAILY("phone_day"),
    CITIZEN_DAILY("citizen_day");

    private final String label;

    RateLimit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
