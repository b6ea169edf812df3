package vn.vneid.otp;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes the random things an OTP needs: the clear code (uniform decimal digits, leading zeros allowed) and
 * the public {@code otp_…} id (128 random bits, base64url without padding). Thread-safe.
 */
public final class CodeGenerator {
    private static final int ID_BYTES = 16;
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public CodeGenerator() {
        this(new SecureRandom());
    }

    public CodeGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A code of {@code length} decimal digits, each uniform in 0..9. */
    public String code(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1");
        }
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }

    /** A code as long as {@code policy} says. */
    public String code(OtpPolicy policy) {
        return code(policy.codeLength());
    }

    /** A fresh, URL-safe OTP id: {@code otp_} and 22 base64url characters (128 bits). */
    public String otpId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return "otp_" + ID_ENCODER.encodeToString(bytes);
    }
}
