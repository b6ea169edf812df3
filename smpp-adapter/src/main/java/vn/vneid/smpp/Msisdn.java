package vn.vneid.smpp;

import java.util.Objects;
import java.util.Set;

/**
 * A Vietnamese mobile number in international form without '+': {@code 84} followed by nine digits whose
 * first two are a mobile prefix (Viettel 32-39, 86, 96-98; VinaPhone 81-85, 88, 91, 94; MobiFone 70, 76-79,
 * 89, 90, 93; Vietnamobile 52, 56, 58, 92; Gmobile 59, 99; Itel 87; Reddi 55).
 * {@link #parse} accepts {@code 0912345678}, {@code 84912345678} and {@code +84912345678}.
 */
public final class Msisdn {
    private static final Set<String> MOBILE_PREFIXES = Set.of(
            "32", "33", "34", "35", "36", "37", "38", "39",
            "52", "55", "56", "58", "59",
            "70", "76", "77", "78", "79",
            "81", "82", "83", "84", "85", "86", "87", "88", "89",
            "90", "91", "92", "93", "94", "96", "97", "98", "99");

    private final String international;

    private Msisdn(String international) {
        this.international = international;
    }

    /** Normalises {@code raw}; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static Msisdn parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("is required");
        }
        String digits = raw.startsWith("+") ? raw.substring(1) : raw;
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("must be digits, as 0912345678, 84912345678 or +84912345678");
        }
        String national;
        if (digits.startsWith("84") && digits.length() == 11) {
            national = digits.substring(2);
        } else if (digits.startsWith("0") && digits.length() == 10) {
            national = digits.substring(1);
        } else {
            throw new IllegalArgumentException("must be a Vietnamese mobile number, as 0912345678 or 84912345678");
        }
        if (!MOBILE_PREFIXES.contains(national.substring(0, 2))) {
            throw new IllegalArgumentException("0" + national.substring(0, 2) + " is not a Vietnamese mobile prefix");
        }
        return new Msisdn("84" + national);
    }

    /** {@code 84912345678}: the form sent to the SMSC and stored. */
    public String international() {
        return international;
    }

    /** {@code 8491****678}: the only form that may appear in logs and API answers about others. */
    public String masked() {
        return mask(international);
    }

    /** Masks any phone-like string: keeps the first four and last three characters. */
    public static String mask(String number) {
        if (number == null || number.length() < 8) {
            return "****";
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 7) + number.substring(number.length() - 3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msisdn m && m.international.equals(international);
    }

    @Override
    public int hashCode() {
        return Objects.hash(international);
    }

    /** Masked, so that a stray log line does not leak the number. */
    @Override
    public String toString() {
        return masked();
    }
}
