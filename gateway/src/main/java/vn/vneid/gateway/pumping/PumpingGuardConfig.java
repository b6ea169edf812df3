package vn.vneid.gateway.pumping;

import java.time.Duration;

/**
 * When OTP issues to one number prefix are held as SMS pumping, read from the {@code otp.pumpingGuard:} section.
 *
 * <p>Each instance counts, per prefix, the OTPs it issued and the codes approved, in slices of a sixth of
 * {@code window}. Codes are typed a little after they are sent, so a window is judged {@code verifyDelay} after
 * it ended, with the approvals from its start until then. A prefix is held for {@code holdFor} when in that
 * window (1) at least {@code minIssues} OTPs were issued, (2) more than {@code multiple} times its baseline (an
 * average of past windows that forgets half every {@code baselineHalfLife}, never below {@code floorPerWindow},
 * so a range that had no OTPs still has one), and (3) fewer than {@code maxVerifyRatio} of them were verified.
 * Holds are shared through Redis and read by every instance every {@code refreshEvery}. {@code enabled: false}
 * stops the detection; holds set by an operator (or another instance) still apply.
 */
public record PumpingGuardConfig(
        boolean enabled,
        Duration window,
        double multiple,
        int floorPerWindow,
        int minIssues,
        double maxVerifyRatio,
        Duration verifyDelay,
        Duration baselineHalfLife,
        Duration holdFor,
        Duration refreshEvery) {

    /** The detection window is counted in this many slices; holds are decided at slice ends. */
    public static final int SLICES_PER_WINDOW = 6;
    static final Duration MAX_HOLD = Duration.ofDays(30);

    /**
     * Validates; a broken value fails with {@link IllegalArgumentException} whose message starts with the key
     * ({@code "multiple must be above 1"}).
     */
    public PumpingGuardConfig {
        between("window", window, Duration.ofSeconds(SLICES_PER_WINDOW), Duration.ofHours(1));
        if (!(multiple > 1 && multiple <= 1000)) {
            throw new IllegalArgumentException("multiple must be above 1 and at most 1000, got " + multiple);
        }
        if (floorPerWindow < 0) {
            throw new IllegalArgumentException("floorPerWindow must not be negative, got " + floorPerWindow);
        }
        if (minIssues < 1) {
            throw new IllegalArgumentException("minIssues must be at least 1, got " + minIssues);
        }
        if (!(maxVerifyRatio > 0 && maxVerifyRatio <= 1)) {
            throw new IllegalArgumentException("maxVerifyRatio must be above 0 and at most 1, got " + maxVerifyRatio);
        }
        between("verifyDelay", verifyDelay, Duration.ZERO, window.multipliedBy(5));
        between("baselineHalfLife", baselineHalfLife, window, Duration.ofDays(7));
        between("holdFor", holdFor, Duration.ofMinutes(1), MAX_HOLD);
        between("refreshEvery", refreshEvery, Duration.ofMillis(100), Duration.ofMinutes(1));
    }

    /**
     * Tuned for a national e-ID rollout: a range needs 50 issues in a minute, five times its usual rate, with
     * fewer than one in five verified, to be held for 30 minutes; campaign peaks verify far above that.
     */
    public static PumpingGuardConfig defaults() {
        return new PumpingGuardConfig(true, Duration.ofMinutes(1), 5.0, 10, 50, 0.2, Duration.ofSeconds(60),
                Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofSeconds(1));
    }

    /** The length of one slice of the window. */
    public Duration slice() {
        return window.dividedBy(SLICES_PER_WINDOW);
    }

    /** Whole slices that cover {@link #verifyDelay} (rounded up). */
    int delaySlices() {
        long slice = slice().toMillis();
        return (int) ((verifyDelay.toMillis() + slice - 1) / slice);
    }

    /** Whether a window with this evidence looks like pumping: a large spike that is hardly verified. */
    boolean isPumping(Evidence e) {
        return e.issues() >= minIssues && e.issues() > multiple * e.baseline()
                && e.verified() < maxVerifyRatio * e.issues();
    }

    /**
     * Whether a window may teach the baseline: few issues, or enough of them verified. A window of unverified
     * traffic does not, so a slow ramp of pumping cannot raise the bar it is measured against.
     */
    boolean teaches(Evidence e) {
        return e.issues() < minIssues || e.verified() >= maxVerifyRatio * e.issues();
    }

    private static void between(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be between " + text(min) + " and "
                    + text(max) + ", got " + (value == null ? "nothing" : text(value)));
        }
    }

    /** A duration as written in config ({@code 30s}, {@code 15m}). */
    private static String text(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return d.toDays() + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return ms % 1000 == 0 ? d.toSeconds() + "s" : ms + "ms";
    }
}
