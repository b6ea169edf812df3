package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void burstIsAvailableAtOnceThenNothingUntilTimePasses() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);

        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(99));
        assertThat(bucket.tryAcquire()).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(bucket.tryAcquire()).isTrue();
    }

    @Test
    void refillIsCappedAtTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));

        int taken = 0;
        while (bucket.tryAcquire()) {
            taken++;
        }
        assertThat(taken).isEqualTo(2);
    }

    @Test
    void reservationsQueueUpSoTheRateHolds() {
        TokenBucket bucket = new TokenBucket(100, 1, now::get);

        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20));

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
    }

    @Test
    void overOneSecondAtMostRatePlusBurstAreGranted() {
        TokenBucket bucket = new TokenBucket(1000, 100, now::get);
        int granted = 0;
        for (int ms = 0; ms < 1000; ms++) {
            while (bucket.tryAcquire()) {
                granted++;
            }
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(granted).isBetween(1000, 1100);
    }

    @Test
    void aLoweredRateSpacesReservationsFurtherAndShrinksTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 10, now::get);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));

        bucket.setRate(10);

        assertThat(bucket.rate()).isEqualTo(10);
        assertThat(bucket.reserve()).isZero();   // the burst is now one token (a tenth of a second's worth)
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void aRaisedRateRefillsFaster() {
        TokenBucket bucket = new TokenBucket(10, 1, now::get);
        assertThat(bucket.tryAcquire()).isTrue();

        bucket.setRate(100);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));

        assertThat(bucket.tryAcquire()).isTrue();
    }
}
