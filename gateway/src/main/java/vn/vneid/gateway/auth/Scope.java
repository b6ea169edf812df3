package vn.vneid.gateway.auth;

import java.util.Locale;

/** What a backend client may call. */
public enum Scope {
    OTP, MESSAGES, CAMPAIGNS, ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scope parse(String key, String raw) {
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new vn.vneid.gateway.config.ConfigException(key, "unknown scope '" + raw + "'; use otp, messages, campaigns or admin");
        }
    }
}
