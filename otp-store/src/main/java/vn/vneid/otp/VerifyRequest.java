package vn.vneid.otp;

import java.util.Objects;

/** Check what the citizen typed. The code is compared by its HMAC only. */
public record VerifyRequest(Purpose purpose, String citizenId, String code) {
    public VerifyRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(citizenId, "citizenId");
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
        return "VerifyRequest[purpose=" + purpose + "]";
    }
}
