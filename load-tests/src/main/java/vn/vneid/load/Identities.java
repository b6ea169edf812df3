package vn.vneid.load;

/**
 * Fresh identities for a load run, so that no request meets a cooldown or a per-phone or per-citizen limit:
 * request {@code i} gets citizen ID {@code offset + i} as 12 digits and phone {@code 8496} (or another
 * four-digit international prefix) + the same number as 7 digits (096 is a Viettel mobile prefix). The phone
 * space therefore caps {@code offset + count} at {@value #CAPACITY}; consecutive runs against one gateway pass
 * consecutive offsets so they never overlap. Scenarios use distinct prefixes (OTPs {@value #OTP_PREFIX}, notices
 * {@value #NOTICE_PREFIX}, campaign recipients {@value #CAMPAIGN_PREFIX}, another system's sendsms {@value #SENDSMS_PREFIX}) so the simulator's messages tell them apart.
 */
final class Identities {
    /** Seven phone digits after {@code 8496}. */
    static final long CAPACITY = 10_000_000L;
    static final String OTP_PREFIX = "8496";
    static final String NOTICE_PREFIX = "8497";
    static final String CAMPAIGN_PREFIX = "8491";
    /** Messages sent through another system's HTTP interface ({@code closed-get}, e.g. Kannel's sendsms). */
    static final String SENDSMS_PREFIX = "8498";

    private final long offset;
    private final String phonePrefix;

    /** Identities for requests {@code 0 .. count-1}; throws if they would not all fit the phone space. */
    Identities(long offset, long count) {
        this(offset, count, OTP_PREFIX);
    }

    /** As above, with phones {@code phonePrefix} (four digits, {@code 84} and a mobile prefix) + 7 digits. */
    Identities(long offset, long count, String phonePrefix) {
        if (!phonePrefix.matches("84[0-9]{2}")) {
            throw new IllegalArgumentException("phone prefix must be 84 and two digits, got " + phonePrefix);
        }
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException("id offset and count must be >= 0, got " + offset + " and " + count);
        }
        if (offset > CAPACITY - count) {
            throw new IllegalArgumentException("id offset " + offset + " + " + count + " requests exceeds the "
                    + CAPACITY + " fresh phone numbers of 8496xxxxxxx: use a smaller --id-offset or a shorter run");
        }
        this.offset = offset;
        this.phonePrefix = phonePrefix;
    }

    /** 12 digits, zero-padded. */
    String citizenId(long i) {
        return zeroPadded(offset + i, 12);
    }

    /** The prefix + 7 digits: an international-form mobile number ({@code 8496…}, Viettel, by default). */
    String phone(long i) {
        return phonePrefix + zeroPadded(offset + i, 7);
    }

    /** The request index whose phone is {@code international}, or -1 when it is not one of this run's. */
    long indexOf(String international) {
        if (international.length() != phonePrefix.length() + 7 || !international.startsWith(phonePrefix)) {
            return -1;
        }
        try {
            return Long.parseLong(international.substring(phonePrefix.length())) - offset;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    String phonePrefix() {
        return phonePrefix;
    }

    /** The offset the next run should use so that its identities do not overlap this one's. */
    long nextOffset(long count) {
        return offset + count;
    }

    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() > width) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " digits");
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
