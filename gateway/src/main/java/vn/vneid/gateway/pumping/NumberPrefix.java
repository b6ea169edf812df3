package vn.vneid.gateway.pumping;

import java.util.regex.Pattern;
import vn.vneid.otp.IssueRequest;
import vn.vneid.smpp.Msisdn;

/**
 * A number range: the first four digits of a Vietnamese number in international form ({@code 84961234567} is in
 * {@code 8496}), the {@code prefix} label of {@code otp_issued_total}. It identifies nobody, and there are at most
 * a hundred of them ({@code 84} and two digits), so it may key memory, metrics and Redis fields.
 */
public record NumberPrefix(String digits) {
    private static final Pattern FORM = Pattern.compile("84\\d{" + (IssueRequest.PREFIX_DIGITS - 2) + "}");

    /** Fails with {@link IllegalArgumentException} (a sentence about the value) unless {@code 84} and two digits. */
    public NumberPrefix {
        if (digits == null || !FORM.matcher(digits).matches()) {
            throw new IllegalArgumentException("must be " + IssueRequest.PREFIX_DIGITS
                    + " digits starting with 84, such as 8496");
        }
    }

    public static NumberPrefix of(Msisdn phone) {
        return new NumberPrefix(phone.international().substring(0, IssueRequest.PREFIX_DIGITS));
    }

    @Override
    public String toString() {
        return digits;
    }
}
