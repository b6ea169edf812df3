package vn.vneid.load;

/**
 * Fresh identities for a load run, so that no request meets a cooldown or a per-phone or per-citizen limit:
 * request {@code i} gets citizen ID {@code offset + i} as 12 digits and phone {@code 8496} + the same number as
 * 7 digits (096 is a Viettel mobile prefix). The phone space therefore caps {@code offset + count} at
 * {@value #CAPACITY}; consecutive runs against one gateway pass consecutive offsets so they never overlap.
 */
final class Identities {
    /** Seven phone digits after {@code 8496}. */
    static final long CAPACITY = 10_000_000L;
    private static final String PHONE_PREFIX = "8496";

    private final long offset;

    /** Identities for requests {@code 0 .. count-1}; throws if they would not all fit the phone space. */
    Identities(long offset, long count) {
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException("id offset and count must be >= 0, got " + offset + " and " + count);
        }
        if (offset > CAPACITY - count) {
            throw new IllegalArgumentException("id offset " + offset + " + " + count + " requests exceeds the "
                    + CAPACITY + " fresh phone numbers of 8496xxxxxxx: use a smaller --id-offset or a shorter run");
        }
        this.offset = offset;
    }

    /** 12 digits, zero-padded. */
    String citizenId(long i) {
        return zeroPadded(offset + i, 12);
    }

    /** {@code 8496} + 7 digits: an international-form Viettel mobile number. */
    String phone(long i) {
        return PHONE_PREFIX + zeroPadded(offset + i, 7);
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
