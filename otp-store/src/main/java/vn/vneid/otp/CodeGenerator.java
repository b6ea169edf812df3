package vn.vneid.otp;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes the random things an OTP needs: the clear code (uniform decimal digits, leading zeros allowed) and
 * the public {@code otp_…} id (128 random bits, base64url without padding). Thread-safe.
 *
 * <p>By default every thread draws from its own {@code DRBG} {@link SecureRandom} (NIST SP 800-90A Hash_DRBG,
 * seeded once per thread from the system's entropy): the platform default on Linux, {@code NativePRNG}, reads
 * {@code /dev/urandom} under one JVM-wide lock on every call, and event loops stalled on that lock under load.
 */
public final class CodeGenerator {
    private static final int ID_BYTES = 16;
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Digits drawn with one call: 10^9 still fits an int. */
    private static final int DIGITS_PER_DRAW = 9;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

    private final ThreadLocal<SecureRandom> random;

    /** Codes and ids from a DRBG per thread. */
    public CodeGenerator() {
        this.random = ThreadLocal.withInitial(CodeGenerator::newDrbg);
    }

    /** Codes and ids from {@code random}, shared by every thread (tests, or a specific provider). */
    public CodeGenerator(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        this.random = ThreadLocal.withInitial(() -> random);
    }

    /** A code of {@code length} decimal digits, each uniform in 0..9. */
    public String code(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1");
        }
        SecureRandom r = random.get();
        char[] digits = new char[length];
        // A uniform number below 10^k is k uniform, independent digits: one draw per nine digits, not one per digit.
        for (int start = 0; start < length; start += DIGITS_PER_DRAW) {
            int count = Math.min(DIGITS_PER_DRAW, length - start);
            int value = r.nextInt(POWERS_OF_TEN[count]);
            for (int i = start + count - 1; i >= start; i--) {
                digits[i] = (char) ('0' + value % 10);
                value /= 10;
            }
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
        random.get().nextBytes(bytes);
        return "otp_" + ID_ENCODER.encodeToString(bytes);
    }

    /** A new DRBG instance (Hash_DRBG, SHA-256, 128-bit strength by default), seeded from system entropy. */
    public static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the DRBG SecureRandom is not available in this JVM", e);
        }
    }
}
