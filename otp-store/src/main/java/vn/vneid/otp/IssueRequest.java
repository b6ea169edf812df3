package vn.vneid.otp;

import java.util.Objects;

/**
 * Ask for a new code. {@code phone} is already normalised to international form ({@code 84912345678})
 * and {@code citizenId} checked (12 digits) by the caller.
 */
public record IssueRequest(Purpose purpose, String citizenId, String phone) {
    /** Digits of {@link #numberPrefix()}: country code and the first two of the national number. */
    public static final int PREFIX_DIGITS = 4;

    public IssueRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(citizenId, "citizenId");
        Objects.requireNonNull(phone, "phone");
    }

    /**
     * The destination's number prefix, its first {@value #PREFIX_DIGITS} digits in international form
     * ({@code 84961234567} gives {@code 8496}): a carrier's number range, which identifies nobody. Stored with
     * the code so that verification can say which range an approved code went to.
     */
    public String numberPrefix() {
        return phone.substring(0, Math.min(PREFIX_DIGITS, phone.length()));
    }

    /** Names no phone number or citizen ID, so a logged request leaks neither. */
    @Override
    public String toString() {
        return "IssueRequest[purpose=" + purpose + "]";
    }
}
