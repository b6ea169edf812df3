package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The AIMD rule on an injected nanosecond clock: decisions per window of answers, and where the rate settles. */
class AdaptiveRateTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Nanoseconds pass between steps: the additive increase adds a hair. */
    private static final Offset<Double> CLOSE = Offset.offset(0.01);
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    @Test
    void throttlingDoesNotLowerTheRateBeforeItsWindowOfAnswersEnds() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        for (int i = 0; i < 999; i++) {
            now.addAndGet(MS);
            assertThat(rate.onThrottled(now.get() - MS / 2)).isEmpty();
        }

        assertThat(rate.current()).isEqualTo(1000);
    }

    @Test
    void aWindowWithAThirdOfItsAnswersThrottledLowersTheRateOnceByASixthAndTheBucketFollows() {
        TokenBucket bucket = new TokenBucket(1000, 100, now::get);
        AdaptiveRate rate = new AdaptiveRate(1000, bucket, now::get);
        Optional<AdaptiveRate.Decrease> decision = Optional.empty();
        int decisions = 0;
        for (int i = 1; i <= 1500; i++) {   // an answer a millisecond: the window closes at its 1,001st
            now.addAndGet(MS);
            long sentAt = now.get() - MS / 2;
            Optional<AdaptiveRate.Decrease> d = i % 3 == 0 ? rate.onThrottled(sentAt) : rate.onAnswered(sentAt);
            if (d.isPresent()) {
                decision = d;
                decisions++;
            }
        }

        assertThat(decisions).isEqualTo(1);
        assertThat(decision).hasValueSatisfying(d -> {
            assertThat(d.answers()).isEqualTo(1001);
            assertThat(d.throttledFraction()).isCloseTo(333 / 1001.0, within(1e-9));
            assertThat(d.from()).isEqualTo(1000);
        });
        double lowered = 1000 * (1 - 333 / 1001.0 / 2);
        assertThat(rate.lowest()).isCloseTo(lowered, CLOSE);
        assertThat(bucket.rate()).isLessThan(lowered + 30);   // plus two thirds of the climb since, half a second
        assertThat(rate.current()).isEqualTo(bucket.rate());
    }

    @Test
    void aWindowWithoutThrottlingLeavesTheRateAlone() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        for (int i = 0; i < 3000; i++) {
            now.addAndGet(MS);
            assertThat(rate.onAnswered(now.get() - MS / 2)).isEmpty();
        }
        assertThat(rate.current()).isEqualTo(1000);
        assertThat(rate.lowest()).isEqualTo(1000);
    }

    @Test
    void answersToSubmitsSentBeforeTheLastDecisionAreNotJudgedAgain() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        long sentEarly = now.get();
        fullyThrottledWindow(rate);
        double afterFirst = rate.current();
        assertThat(afterFirst).isCloseTo(500, CLOSE);

        // A second's worth of late answers to submits sent before that decision: the same episode, ignored.
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(MS);
            assertThat(rate.onThrottled(sentEarly)).isEmpty();
        }
        assertThat(rate.lowest()).isCloseTo(500, CLOSE);
    }

    @Test
    void aWindowNeedsAFewAnswersSoOneUnluckyAnswerAtALowRateIsNotAFraction() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        for (int i = 0; i < AdaptiveRate.MIN_ANSWERS - 1; i++) {
            now.addAndGet(2 * SECOND);
            assertThat(rate.onThrottled(now.get() - MS)).isEmpty();
        }
        now.addAndGet(2 * SECOND);
        assertThat(rate.onThrottled(now.get() - MS)).isPresent();
    }

    @Test
    void aWindowStartsWithTheFirstSubmitItJudgesNotWithTheQuietBeforeIt() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        now.addAndGet(60 * SECOND);   // a quiet minute
        for (int i = 0; i < 500; i++) {
            now.addAndGet(MS);
            assertThat(rate.onThrottled(now.get() - MS / 2)).as("half a second of answers is no window yet").isEmpty();
        }
    }

    @Test
    void theRateNeverGoesBelowAHundredthOfTheCap() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        for (int i = 0; i < 20; i++) {
            fullyThrottledWindow(rate);
        }
        assertThat(rate.lowest()).isCloseTo(10, CLOSE);

        AdaptiveRate small = new AdaptiveRate(50, now::get);
        for (int i = 0; i < 20; i++) {
            fullyThrottledWindow(small);
        }
        assertThat(small.lowest()).isCloseTo(1, CLOSE);
    }

    @Test
    void whileTheSmscRefusesEverythingTheRateDoesNotClimbAndHalvesEverySecond() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        fullyThrottledWindow(rate);
        fullyThrottledWindow(rate);

        assertThat(rate.current()).isCloseTo(250, CLOSE);
        now.addAndGet(10 * SECOND);
        assertThat(rate.current()).as("no climb after a window with nothing accepted").isCloseTo(250, CLOSE);
    }

    @Test
    void onceAnswersGoThroughTheRateClimbsATwentiethOfTheCapPerSecondAndNeverPassesTheCap() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        fullyThrottledWindow(rate);
        cleanWindow(rate);
        assertThat(rate.current()).isCloseTo(500, CLOSE);

        now.addAndGet(SECOND);
        assertThat(rate.current()).isCloseTo(550, CLOSE);
        now.addAndGet(4 * SECOND);
        assertThat(rate.current()).isCloseTo(750, CLOSE);
        now.addAndGet(60 * SECOND);
        assertThat(rate.current()).isEqualTo(1000);
    }

    @Test
    void theClimbIsScaledByTheShareOfTheLastWindowThatWentThrough() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        fullyThrottledWindow(rate);
        for (int i = 1; i <= 1001; i++) {   // a quarter throttled: down by an eighth, then 75 % of the climb
            now.addAndGet(MS);
            long sentAt = now.get() - MS / 2;
            Optional<AdaptiveRate.Decrease> ignored = i % 4 == 0 ? rate.onThrottled(sentAt) : rate.onAnswered(sentAt);
        }
        assertThat(rate.current()).isCloseTo(500 * (1 - 250 / 1001.0 / 2), CLOSE);

        now.addAndGet(SECOND);
        assertThat(rate.current()).isCloseTo(500 * (1 - 250 / 1001.0 / 2) + 50 * (1 - 250 / 1001.0), CLOSE);
    }

    /**
     * The case the other way round: an SMSC that takes 1,000/s and throttles the rest, a cap of 5,000/s.
     * The rate comes down within a few windows and stays just above what the SMSC takes (at most cap/10 above, the
     * climb of one window), so the SMSC takes its fill: 1,000/s, never the floor.
     */
    @Test
    void againstAnSmscThatTakesAThousandASecondTheRateSettlesJustAboveItAndTheSmscTakesItsFill() {
        AdaptiveRate rate = new AdaptiveRate(5000, now::get);
        TokenBucket smsc = new TokenBucket(1000, 100, now::get);

        Model run = drive(rate, 60, smsc::tryAcquire);

        double accepted = run.acceptedPerSecond(20, 60);
        assertThat(accepted).isBetween(950.0, 1010.0);
        assertThat(run.meanRate(20, 60)).isBetween(1000.0, 1600.0);   // 1,366 in theory
        assertThat(rate.lowest()).isGreaterThan(900);
    }

    /**
     * An SMSC that refuses 30 % of everything whatever the rate: lowering the rate cannot help, and the rate settles
     * where one window's decrease (f/2 of it) matches one second's climb (70 % of cap/20), 0.7 cap/(10 f) ≈ 1,167/s
     * for a cap of 5,000 — not at the floor of 50/s, where reacting to every throttling answer used to pin it
     * (42/s drained).
     */
    @Test
    void aRandomThirtyPercentThrottleSettlesFarAboveTheFloor() {
        AdaptiveRate rate = new AdaptiveRate(5000, now::get);
        Random random = new Random(42);

        Model run = drive(rate, 90, () -> random.nextDouble() >= 0.3);

        assertThat(run.meanRate(30, 90)).isBetween(900.0, 1500.0);
        assertThat(run.acceptedPerSecond(30, 90)).isGreaterThan(600);
        assertThat(rate.lowest()).isGreaterThan(500);
    }

    /** Answers a millisecond apart, all throttled, until they close a window (a second and a millisecond). */
    private void fullyThrottledWindow(AdaptiveRate rate) {
        for (int i = 0; i < 1001; i++) {
            now.addAndGet(MS);
            rate.onThrottled(now.get() - MS / 2);
        }
    }

    /** As {@link #fullyThrottledWindow}, none throttled. */
    private void cleanWindow(AdaptiveRate rate) {
        for (int i = 0; i < 1001; i++) {
            now.addAndGet(MS);
            rate.onAnswered(now.get() - MS / 2);
        }
    }

    /** What a simulated run did, second by second. */
    private record Model(long[] accepted, double[] rateSum, long[] rateSamples) {
        double acceptedPerSecond(int fromSecond, int toSecond) {
            long sum = 0;
            for (int s = fromSecond; s < toSecond; s++) {
                sum += accepted[s];
            }
            return (double) sum / (toSecond - fromSecond);
        }

        double meanRate(int fromSecond, int toSecond) {
            double sum = 0;
            long n = 0;
            for (int s = fromSecond; s < toSecond; s++) {
                sum += rateSum[s];
                n += rateSamples[s];
            }
            return sum / n;
        }
    }

    /**
     * A carrier with an endless backlog on the simulated clock: sends at {@code rate.current()} (100 µs steps),
     * each submit judged by {@code smscAccepts} when sent and answered a millisecond later (the round trip).
     */
    private Model drive(AdaptiveRate rate, int seconds, BooleanSupplier smscAccepts) {
        long step = 100_000;
        long start = now.get();
        long[] accepted = new long[seconds];
        double[] rateSum = new double[seconds];
        long[] rateSamples = new long[seconds];
        ArrayDeque<long[]> inFlight = new ArrayDeque<>();   // {sentAt, accepted ? 1 : 0}
        double credit = 0;
        while (now.get() - start < seconds * SECOND) {
            now.addAndGet(step);
            int second = (int) ((now.get() - start) / SECOND);
            if (second >= seconds) {
                break;
            }
            while (!inFlight.isEmpty() && now.get() - inFlight.peekFirst()[0] >= MS) {
                long[] answer = inFlight.pollFirst();
                if (answer[1] == 1) {
                    rate.onAnswered(answer[0]);
                } else {
                    rate.onThrottled(answer[0]);
                }
            }
            double current = rate.current();
            rateSum[second] += current;
            rateSamples[second]++;
            credit = Math.min(credit + current * step / 1e9, 1 + current / 10);
            while (credit >= 1) {
                credit -= 1;
                boolean ok = smscAccepts.getAsBoolean();
                accepted[second] += ok ? 1 : 0;
                inFlight.addLast(new long[] {now.get(), ok ? 1 : 0});
            }
        }
        return new Model(accepted, rateSum, rateSamples);
    }
}
