package vn.vneid.gateway.pumping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.vneid.otp.testing.MutableClock;

/**
 * The detector against traffic simulated second by second on a clock the test moves, with the production
 * defaults (window 1 min, 5 x baseline, floor 10, at least 50 issues, under 20 % verified, verify delay 60 s).
 */
class PumpingDetectorTest {
    private static final NumberPrefix RANGE = new NumberPrefix("8486");
    private static final NumberPrefix OTHER = new NumberPrefix("8491");
    private final PumpingGuardConfig config = PumpingGuardConfig.defaults();
    private final MutableClock clock = MutableClock.startingAt2025();
    private final PumpingDetector detector = new PumpingDetector(config, clock);
    /** Approvals still to come: second -> count. */
    private final TreeMap<Long, Integer> dueVerifies = new TreeMap<>();
    private long second;
    private double issueCarry;
    private double verifyCarry;
    /** The second of the first window judged as pumping, -1 before. */
    private long firstHeldAt = -1;

    @Test
    void campaignSpikeWithHighVerifySuccessIsNotHeld() {
        assertThat(run(Duration.ofMinutes(30), 20, 0.7, Duration.ofSeconds(20))).as("ordinary traffic").isEmpty();

        // A campaign: 50 times the usual rate at once, codes typed 20 to 45 s after they are sent.
        List<Evidence> held = run(Duration.ofMinutes(10), 1000, 0.7, Duration.ofSeconds(20));
        held.addAll(run(Duration.ofMinutes(10), 1000, 0.7, Duration.ofSeconds(45)));
        held.addAll(run(Duration.ofMinutes(10), 20, 0.7, Duration.ofSeconds(20)));

        assertThat(held).as("a verified spike, its onset and its end").isEmpty();
    }

    @Test
    void spikeWithoutVerifiesIsHeld() {
        assertThat(run(Duration.ofMinutes(30), 20, 0.7, Duration.ofSeconds(20))).isEmpty();
        long start = second;

        List<Evidence> held = run(Duration.ofMinutes(3), 20 + 600, 20 * 0.7 / 620, Duration.ofSeconds(20));

        assertThat(held).as("600/min pumped beside the usual 20/min, of which 14 verified").isNotEmpty();
        assertThat(firstHeldAt - start).as("seconds of pumping before the hold").isLessThanOrEqualTo(90);
        System.out.println("[pumping] 600/min beside 20/min held after " + (firstHeldAt - start) + " s: " + held.get(0));
        Evidence e = held.get(0);
        assertThat(e.issues()).isGreaterThan(5 * 20);
        assertThat(e.verifyRatio()).isLessThan(0.2);
    }

    @Test
    void spikeIntoAFreshRangeIsHeldAgainstTheFloor() {
        List<Evidence> held = run(Duration.ofMinutes(3), 120, 0, Duration.ZERO);

        assertThat(held).as("120/min into a range that had no OTPs: above 5 x the floor of 10").isNotEmpty();
        assertThat(held.get(0).baseline()).isEqualTo(10.0);
        System.out.println("[pumping] 120/min into a fresh range held after " + firstHeldAt + " s: " + held.get(0));
        assertThat(firstHeldAt).isLessThanOrEqualTo(90);
    }

    @Test
    void smallNumbersAreNeverHeld() {
        assertThat(run(Duration.ofHours(1), 49, 0, Duration.ZERO))
                .as("49 unverified issues a minute: under minIssues (50), for an hour").isEmpty();
    }

    @Test
    void smallNumbersAreNeverHeldEvenWithoutAFloor() {
        PumpingGuardConfig d = PumpingGuardConfig.defaults();
        PumpingDetector noFloor = new PumpingDetector(new PumpingGuardConfig(true, d.window(), d.multiple(), 0,
                d.minIssues(), d.maxVerifyRatio(), d.verifyDelay(), d.baselineHalfLife(), d.holdFor(),
                d.refreshEvery()), clock);
        for (int i = 0; i < 49; i++) {
            noFloor.issued(RANGE);
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(noFloor.suspects()).as("49 unverified issues into a range with no baseline at all").isEmpty();

        for (int i = 0; i < 50; i++) {
            noFloor.issued(RANGE);
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(noFloor.suspects()).as("50 are enough").containsKey(RANGE);
    }

    @Test
    void slowRampOfUnverifiedIssuesCannotTeachTheBaseline() {
        assertThat(run(Duration.ofMinutes(10), 20, 0.7, Duration.ofSeconds(20))).isEmpty();
        List<Evidence> held = new ArrayList<>();
        for (int perMinute = 30; perMinute <= 600 && held.isEmpty(); perMinute += 10) {
            held.addAll(run(Duration.ofMinutes(1), perMinute, 0, Duration.ZERO)); // +10/min every minute
        }
        assertThat(held).as("a ramp of 10/min per minute with nothing verified").isNotEmpty();
        assertThat(held.get(0).issues()).isLessThan(200);
    }

    @Test
    void otherRangesAreJudgedOnTheirOwn() {
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 300; i++) {
            detector.issued(RANGE);
            detector.issued(OTHER);
            detector.verified(OTHER);
        }
        clock.advance(Duration.ofSeconds(70));

        assertThat(detector.suspects()).containsOnlyKeys(RANGE);
    }

    @Test
    void forgottenEvidenceIsNotJudgedAgain() {
        for (int i = 0; i < 300; i++) {
            detector.issued(RANGE);
        }
        clock.advance(Duration.ofSeconds(70));
        detector.forget(RANGE);

        assertThat(detector.suspects()).as("a released range needs fresh evidence").isEmpty();
    }

    /**
     * {@code duration} of traffic to {@link #RANGE}: {@code perMinute} issues, of which {@code verifiedShare} are
     * approved {@code lag} later; the detector is asked every second, as the guard's tick does. Returns the
     * evidence of every window judged as pumping.
     */
    private List<Evidence> run(Duration duration, double perMinute, double verifiedShare, Duration lag) {
        List<Evidence> held = new ArrayList<>();
        for (long end = second + duration.toSeconds(); second < end; second++) {
            clock.advance(Duration.ofSeconds(1));
            issueCarry += perMinute / 60;
            for (; issueCarry >= 1; issueCarry--) {
                detector.issued(RANGE);
                verifyCarry += verifiedShare;
                if (verifyCarry >= 1) {
                    verifyCarry--;
                    dueVerifies.merge(second + lag.toSeconds(), 1, Integer::sum);
                }
            }
            for (Map.Entry<Long, Integer> due = dueVerifies.firstEntry(); due != null && due.getKey() <= second;
                    due = dueVerifies.firstEntry()) {
                for (int i = 0; i < due.getValue(); i++) {
                    detector.verified(RANGE);
                }
                dueVerifies.remove(due.getKey());
            }
            Evidence evidence = detector.suspects().get(RANGE);
            if (evidence != null) {
                held.add(evidence);
                if (firstHeldAt < 0) {
                    firstHeldAt = second;
                }
            }
        }
        return held;
    }
}
