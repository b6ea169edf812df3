package vn.vneid.gateway.pumping;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per number prefix, this instance's OTP issues and approvals over a sliding window against the prefix's own
 * baseline, judged by {@link PumpingGuardConfig} (see there for the rule). Behind a load balancer each
 * instance sees a fair share of every prefix, so the ratios it judges are those of the whole platform.
 * Time comes from the injected clock; {@link #suspects()} judges the slices completed since its last call, so
 * it is called at least once a slice. Memory is bounded: at most one small ring per prefix, and there are at
 * most a hundred prefixes. Thread-safe.
 */
public final class PumpingDetector {
    private final PumpingGuardConfig config;
    private final Clock clock;
    private final long sliceMillis;
    private final double learningRatePerSlice;
    private final Map<NumberPrefix, PrefixActivity> activity = new ConcurrentHashMap<>();

    public PumpingDetector(PumpingGuardConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.sliceMillis = config.slice().toMillis();
        // The baseline forgets half of what it knew every baselineHalfLife.
        this.learningRatePerSlice = 1 - Math.pow(0.5, (double) sliceMillis / config.baselineHalfLife().toMillis());
    }

    public void issued(NumberPrefix prefix) {
        activity(prefix).issued(slice());
    }

    public void verified(NumberPrefix prefix) {
        activity(prefix).verified(slice());
    }

    /** The prefixes whose last window looks like pumping now, with the evidence; each window is judged once. */
    public Map<NumberPrefix, Evidence> suspects() {
        long current = slice();
        Map<NumberPrefix, Evidence> suspects = new LinkedHashMap<>();
        activity.forEach((prefix, counts) -> {
            Evidence evidence = counts.judge(current, config, learningRatePerSlice);
            if (evidence != null && config.isPumping(evidence)) {
                suspects.put(prefix, evidence);
            }
        });
        return suspects;
    }

    /** Drops a prefix's counts (not its baseline) once it is held: after a release it needs fresh evidence. */
    public void forget(NumberPrefix prefix) {
        PrefixActivity counts = activity.get(prefix);
        if (counts != null) {
            counts.forgetCounts();
        }
    }

    /** The prefixes seen so far. */
    public Set<NumberPrefix> prefixes() {
        return Set.copyOf(activity.keySet());
    }

    private PrefixActivity activity(NumberPrefix prefix) {
        return activity.computeIfAbsent(prefix,
                p -> new PrefixActivity(PumpingGuardConfig.SLICES_PER_WINDOW, config.delaySlices()));
    }

    private long slice() {
        return Math.floorDiv(clock.millis(), sliceMillis);
    }
}
