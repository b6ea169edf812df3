package vn.vneid.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.admission.RequestClass.BULK;
import static vn.vneid.gateway.admission.RequestClass.OTP_ISSUE;
import static vn.vneid.gateway.admission.RequestClass.OTP_VERIFY;
import static vn.vneid.gateway.admission.RequestClass.TRANSACTIONAL;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter.Listener;
import com.netflix.concurrency.limits.limit.SettableLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PriorityLimiterTest {
    private final AtomicLong nanos = new AtomicLong();

    private PriorityLimiter fixed(int limit) {
        return PriorityLimiter.create(AdmissionConfig.fixed(limit), nanos::get);
    }

    @Test
    void aLimitOfTenAdmitsBulkToFiveTransactionalToSevenIssueToNineAndVerifyToTen() {
        PriorityLimiter limiter = fixed(10);
        assertThat(fill(limiter, BULK)).isEqualTo(5);
        assertThat(fill(limiter, TRANSACTIONAL)).isEqualTo(2);
        assertThat(fill(limiter, OTP_ISSUE)).isEqualTo(2);
        assertThat(fill(limiter, OTP_VERIFY)).isEqualTo(1);
        assertThat(limiter.inFlight()).isEqualTo(10);
        for (RequestClass c : RequestClass.values()) {
            assertThat(limiter.acquire(c)).as(c + " at the limit").isEmpty();
        }
    }

    @Test
    void asTheGatewayFillsUpBulkIsShedFirstAndVerifyLast() {
        PriorityLimiter limiter = fixed(10);
        List<Set<RequestClass>> admittedAt = new ArrayList<>();
        for (int inFlight = 0; inFlight <= 10; inFlight++) {
            Set<RequestClass> admitted = EnumSet.noneOf(RequestClass.class);
            for (RequestClass c : RequestClass.values()) {
                Optional<Listener> probe = limiter.acquire(c);
                probe.ifPresent(slot -> {
                    admitted.add(c);
                    slot.onIgnore();
                });
            }
            admittedAt.add(admitted);
            limiter.acquire(OTP_VERIFY); // one more in flight (held)
        }
        assertThat(admittedAt.get(4)).containsExactlyInAnyOrder(RequestClass.values());
        assertThat(admittedAt.get(5)).containsExactlyInAnyOrder(TRANSACTIONAL, OTP_ISSUE, OTP_VERIFY);
        assertThat(admittedAt.get(7)).containsExactlyInAnyOrder(OTP_ISSUE, OTP_VERIFY);
        assertThat(admittedAt.get(9)).containsExactly(OTP_VERIFY);
        assertThat(admittedAt.get(10)).isEmpty();
        // Whatever the level, a class is admitted only if every class shed after it is too.
        for (Set<RequestClass> admitted : admittedAt) {
            for (RequestClass c : admitted) {
                for (RequestClass later : RequestClass.values()) {
                    if (later.ordinal() > c.ordinal()) {
                        assertThat(admitted).contains(later);
                    }
                }
            }
        }
    }

    @Test
    void anAnsweredRequestFreesItsSlotOnceEvenWhenReportedTwice() {
        PriorityLimiter limiter = fixed(2);
        Listener first = limiter.acquire(OTP_VERIFY).orElseThrow();
        limiter.acquire(OTP_VERIFY).orElseThrow();
        assertThat(limiter.acquire(OTP_VERIFY)).isEmpty();
        first.onSuccess();
        first.onDropped(); // the connection closed after the answer: must not free a second slot
        assertThat(limiter.inFlight()).isEqualTo(1);
        assertThat(limiter.acquire(OTP_VERIFY)).isPresent();
        assertThat(limiter.acquire(OTP_VERIFY)).isEmpty();
    }

    @Test
    void theThresholdsFollowTheAlgorithmsLimitButNeverFallBelowMinLimit() {
        SettableLimit limit = SettableLimit.startingAt(40);
        AdmissionConfig config = new AdmissionConfig(AdmissionConfig.Algorithm.GRADIENT2, 40, 20, 100,
                AdmissionConfig.defaultShares(), Duration.ofSeconds(1));
        PriorityLimiter limiter = PriorityLimiter.create(config, limit, nanos::get);
        assertThat(thresholds(limiter)).containsExactly(20, 28, 36, 40);
        limit.setLimit(60);
        assertThat(thresholds(limiter)).containsExactly(30, 42, 54, 60);
        limit.setLimit(5);
        assertThat(limiter.limit()).isEqualTo(20);
        assertThat(thresholds(limiter)).containsExactly(10, 14, 18, 20);
    }

    @Test
    void aClassWithATinyShareStillGetsOneSlot() {
        AdmissionConfig config = new AdmissionConfig(AdmissionConfig.Algorithm.FIXED, 2, 1, 2,
                Map.of(BULK, 0.1, TRANSACTIONAL, 0.1, OTP_ISSUE, 0.5, OTP_VERIFY, 1.0), Duration.ofSeconds(1));
        PriorityLimiter limiter = PriorityLimiter.create(config, nanos::get);
        assertThat(thresholds(limiter)).containsExactly(1, 1, 1, 2);
    }

    @Test
    void successesAreLatencySamplesDropsAreCongestionAndIgnoredAnswersTeachNothing() {
        List<String> samples = new ArrayList<>();
        Limit recording = new RecordingLimit(10, samples);
        PriorityLimiter limiter = PriorityLimiter.create(AdmissionConfig.fixed(10), recording, nanos::get);

        nanos.set(1_000_000);
        Listener fast = limiter.acquire(OTP_ISSUE).orElseThrow();
        Listener slow = limiter.acquire(OTP_ISSUE).orElseThrow();
        Listener ignored = limiter.acquire(BULK).orElseThrow();
        nanos.addAndGet(Duration.ofMillis(3).toNanos());
        fast.onSuccess();
        nanos.addAndGet(Duration.ofMillis(997).toNanos());
        slow.onDropped();
        ignored.onIgnore();

        assertThat(samples).containsExactly("rtt=3ms dropped=false", "rtt=1000ms dropped=true");
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aRequestHoldingASlotCanBeCheckedAgainstALowerClass() {
        PriorityLimiter limiter = fixed(10);
        for (int i = 0; i < 5; i++) {
            limiter.acquire(OTP_VERIFY).orElseThrow();
        }
        limiter.acquire(TRANSACTIONAL).orElseThrow(); // the sixth: five others in flight
        assertThat(limiter.admitsHeld(BULK)).isFalse();
        assertThat(limiter.admitsHeld(TRANSACTIONAL)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = AdmissionConfig.Algorithm.class, names = {"GRADIENT2", "VEGAS"})
    void anAdaptiveLimitFallsWhenMoreInFlightOnlyMeansMoreQueueing(AdmissionConfig.Algorithm algorithm) {
        AdmissionConfig config = new AdmissionConfig(algorithm, 100, 20, 500, AdmissionConfig.defaultShares(),
                Duration.ofSeconds(1));
        PriorityLimiter limiter = PriorityLimiter.create(config, nanos::get);
        // An instance that serves 40 requests at once in 2 ms (+-20 %); more in flight only wait their turn.
        // First a quiet spell (5 clients), then a closed loop of 1,000 clients; every admitted request is answered.
        for (int round = 0; round < 3_000; round++) {
            int clients = round < 2_000 ? 5 : 1_000;
            List<Listener> admitted = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                Optional<Listener> slot = limiter.acquire(OTP_VERIFY);
                if (slot.isEmpty()) {
                    break;
                }
                admitted.add(slot.get());
            }
            long serviceNanos = Duration.ofMillis(2).toNanos() * (80 + (round * 37) % 41) / 100;
            nanos.addAndGet(serviceNanos * Math.max(40, admitted.size()) / 40);
            admitted.forEach(Listener::onSuccess);
            if (round == 1_999) {
                assertThat(limiter.limit()).as("quiet: the limit stays where it started").isEqualTo(100);
            }
        }
        assertThat(limiter.limit()).as("after a second or so of overload").isLessThan(90).isGreaterThanOrEqualTo(20);
    }

    private static int fill(PriorityLimiter limiter, RequestClass c) {
        int admitted = 0;
        while (limiter.acquire(c).isPresent()) {
            admitted++;
        }
        return admitted;
    }

    private static List<Integer> thresholds(PriorityLimiter limiter) {
        List<Integer> t = new ArrayList<>();
        for (RequestClass c : RequestClass.values()) {
            t.add(limiter.threshold(c));
        }
        return t;
    }

    /** A fixed limit that writes down what it is told. */
    private record RecordingLimit(int limit, List<String> samples) implements Limit {
        @Override
        public int getLimit() {
            return limit;
        }

        @Override
        public void notifyOnChange(Consumer<Integer> consumer) {
        }

        @Override
        public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
            samples.add("rtt=" + Duration.ofNanos(rtt).toMillis() + "ms dropped=" + didDrop);
        }
    }
}
