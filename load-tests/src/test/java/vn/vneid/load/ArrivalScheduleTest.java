package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void holdsRateTimesWarmupPlusMeasuredRequests() {
        ArrivalSchedule schedule = new ArrivalSchedule(2000, Duration.ofSeconds(5), Duration.ofSeconds(20));

        assertThat(schedule.count()).isEqualTo(50_000);
        assertThat(schedule.firstMeasured()).isEqualTo(10_000);
    }

    @Test
    void requestIIsDueAtIOverRate() {
        ArrivalSchedule schedule = new ArrivalSchedule(2000, Duration.ZERO, Duration.ofSeconds(20));

        assertThat(schedule.offsetNanos(0)).isZero();
        assertThat(schedule.offsetNanos(1)).isEqualTo(500_000);
        assertThat(schedule.offsetNanos(2000)).isEqualTo(1_000_000_000);
        assertThat(schedule.offsetNanos(39_999)).isEqualTo(19_999_500_000L);
    }

    @Test
    void offsetsNeverGoBackwardsForAnUnevenRate() {
        ArrivalSchedule schedule = new ArrivalSchedule(3, Duration.ofSeconds(1), Duration.ofSeconds(2));

        assertThat(schedule.count()).isEqualTo(9);
        for (long i = 1; i < schedule.count(); i++) {
            assertThat(schedule.offsetNanos(i)).isGreaterThan(schedule.offsetNanos(i - 1));
        }
        assertThat(schedule.offsetNanos(1)).isEqualTo(333_333_333);
    }

    @Test
    void dueAtCountsExactlyTheRequestsWhoseTimeHasCome() {
        ArrivalSchedule schedule = new ArrivalSchedule(3, Duration.ZERO, Duration.ofSeconds(2));

        assertThat(schedule.dueAt(-1)).isZero();
        assertThat(schedule.dueAt(0)).isEqualTo(1);
        assertThat(schedule.dueAt(333_333_332)).isEqualTo(1);
        assertThat(schedule.dueAt(333_333_333)).isEqualTo(2);
        assertThat(schedule.dueAt(Long.MAX_VALUE / 10)).isEqualTo(schedule.count());
        for (long i = 0; i < schedule.count(); i++) {
            assertThat(schedule.dueAt(schedule.offsetNanos(i))).isEqualTo(i + 1);
        }
    }

    @Test
    void everyRequestBeforeTheWarmupEndsIsWarmup() {
        ArrivalSchedule schedule = new ArrivalSchedule(1000, Duration.ofMillis(1500), Duration.ofSeconds(1));

        assertThat(schedule.isWarmup(1499)).isTrue();
        assertThat(schedule.isWarmup(1500)).isFalse();
        assertThat(schedule.offsetNanos(schedule.firstMeasured())).isGreaterThanOrEqualTo(schedule.warmupNanos());
        assertThat(schedule.offsetNanos(schedule.count() - 1)).isLessThan(schedule.totalNanos());
    }

    @Test
    void noWarmupMeansEveryRequestIsMeasured() {
        ArrivalSchedule schedule = new ArrivalSchedule(10, Duration.ZERO, Duration.ofSeconds(1));

        assertThat(schedule.firstMeasured()).isZero();
        assertThat(schedule.isWarmup(0)).isFalse();
    }

    @Test
    void rejectsANonPositiveRateAndAnEmptyRun() {
        assertThatThrownBy(() -> new ArrivalSchedule(0, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> new ArrivalSchedule(10, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indexesOutsideTheRunAreRejected() {
        ArrivalSchedule schedule = new ArrivalSchedule(10, Duration.ZERO, Duration.ofSeconds(1));

        assertThatThrownBy(() -> schedule.offsetNanos(10)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
