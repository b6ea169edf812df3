package vn.vneid.otp;

import java.util.Objects;

/**
 * Ask for a new code. {@code phone} is already normalised to international form ({@code 84912345678})
 * and {@code citizenId} checked (12 digits) by the caller.
 */
public record IssueRequest(Purpose purpose, String citizenId, String phone) {
    public IssueRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(citizenId, "citizenId");
        Objects.requireNonNull(phone, "phone");
    }

    /** Names no phone number or citizen ID, so a logged request leaks neither. */
    @Override
    public String toString() {
        return "IssueRequest[purpose=" + purpose + "]";
    }
}
