package vn.vneid.otp;

import java.util.EnumMap;
import java.util.Map;

/** One {@link OtpPolicy} per {@link Purpose}; purposes not named take {@link OtpPolicy#DEFAULT}. */
public final class OtpPolicies {
    private final Map<Purpose, OtpPolicy> byPurpose;

    private OtpPolicies(Map<Purpose, OtpPolicy> byPurpose) {
        this.byPurpose = byPurpose;
    }

    public static OtpPolicies defaults() {
        return of(Map.of());
    }

    public static OtpPolicies of(Map<Purpose, OtpPolicy> overrides) {
        EnumMap<Purpose, OtpPolicy> all = new EnumMap<>(Purpose.class);
        for (Purpose p : Purpose.values()) {
            all.put(p, overrides.getOrDefault(p, OtpPolicy.DEFAULT));
        }
        return new OtpPolicies(all);
    }

    public OtpPolicy of(Purpose purpose) {
        return byPurpose.get(purpose);
    }
}
