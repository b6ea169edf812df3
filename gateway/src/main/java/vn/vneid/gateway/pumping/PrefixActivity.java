package vn.vneid.gateway.pumping;

import java.util.Arrays;

/**
 * One number prefix's recent OTP issues and approvals, counted per slice of time in a ring just long enough
 * for the window and the verify delay, and its baseline (issues per window, an exponentially weighted average
 * of past windows). Events of a slice older than the ring are dropped. Thread-safe: a few array operations
 * under the object's lock per event.
 */
final class PrefixActivity {
    private static final long NONE = Long.MIN_VALUE;
    private final long[] issues;
    private final long[] verified;
    private final int windowSlices;
    private final int delaySlices;
    /** The newest slice counted into the ring. */
    private long head = NONE;
    /** The newest completed slice already judged. */
    private long judged = NONE;
    private double baseline;

    PrefixActivity(int windowSlices, int delaySlices) {
        this.windowSlices = windowSlices;
        this.delaySlices = delaySlices;
        this.issues = new long[windowSlices + delaySlices + 1]; // the judged window, the delay, the current slice
        this.verified = new long[issues.length];
    }

    synchronized void issued(long slice) {
        if (roll(slice)) {
            issues[slot(slice)]++;
        }
    }

    synchronized void verified(long slice) {
        if (roll(slice)) {
            verified[slot(slice)]++;
        }
    }

    /**
     * The evidence on the window that ended {@code delaySlices} before the last completed slice (the one before
     * {@code current}): its issues, and the approvals from its start to the end of that last slice, so that codes
     * typed a little late still count; null when no slice completed since the last call. The evidence carries the
     * baseline from before this window; afterwards the window teaches the baseline if it is not pumping and
     * {@link PumpingGuardConfig#teaches} allows it, with weight {@code learningRatePerSlice} per slice since the
     * last call.
     */
    synchronized Evidence judge(long current, PumpingGuardConfig config, double learningRatePerSlice) {
        roll(current);
        long last = current - 1;
        if (judged != NONE && judged >= last) {
            return null;
        }
        long slices = judged == NONE ? 1 : last - judged;
        judged = last;
        long judgedFrom = last - delaySlices - windowSlices + 1;
        Evidence evidence = new Evidence(sum(issues, judgedFrom, last - delaySlices), sum(verified, judgedFrom, last),
                Math.max(baseline, config.floorPerWindow()));
        if (!config.isPumping(evidence) && config.teaches(evidence)) {
            double weight = 1 - Math.pow(1 - learningRatePerSlice, Math.min(slices, 1_000_000));
            baseline += weight * (evidence.issues() - baseline);
        }
        return evidence;
    }

    /** Drops the counts (the baseline stays): a hold started, so its evidence is spent. */
    synchronized void forgetCounts() {
        Arrays.fill(issues, 0);
        Arrays.fill(verified, 0);
    }

    /** Moves the ring forward to {@code slice}; false when {@code slice} is older than the ring holds. */
    private boolean roll(long slice) {
        if (head == NONE || slice - head >= issues.length) {
            forgetCounts();
            head = slice;
            return true;
        }
        for (long s = head + 1; s <= slice; s++) {
            issues[slot(s)] = 0;
            verified[slot(s)] = 0;
        }
        head = Math.max(head, slice);
        return slice > head - issues.length;
    }

    private long sum(long[] counts, long from, long to) {
        long total = 0;
        for (long s = Math.max(from, head - issues.length + 1); s <= to; s++) {
            total += counts[slot(s)];
        }
        return total;
    }

    private int slot(long slice) {
        return (int) Math.floorMod(slice, (long) issues.length);
    }
}
