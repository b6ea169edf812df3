package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AdaptiveRateTest {
    /** Nanoseconds pass between steps: the additive increase adds a hair. */
    private static final Offset<Double> CLOSE = Offset.offset(0.01);
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void throttlingHalvesTheRateAndTheBucketFollows() {
        TokenBucket bucket = new TokenBucket(1000, 100, now::get);
        AdaptiveRate rate = new AdaptiveRate(1000, bucket, now::get);

        assertThat(rate.onThrottled(now.get())).isTrue();

        assertThat(rate.current()).isCloseTo(500, CLOSE);
        assertThat(bucket.rate()).isEqualTo(500);
        assertThat(rate.lowest()).isEqualTo(500);
    }

    @Test
    void throttlingAnswersToSubmitsSentBeforeTheLastDecreaseAreTheSameEpisode() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        long sentBefore = now.get();
        now.addAndGet(1_000);
        rate.onThrottled(now.get());

        assertThat(rate.onThrottled(sentBefore)).isFalse();
        assertThat(rate.current()).isCloseTo(500, CLOSE);

        now.addAndGet(1_000);
        assertThat(rate.onThrottled(now.get())).isTrue();
        assertThat(rate.current()).isCloseTo(250, CLOSE);
    }

    @Test
    void theRateNeverGoesBelowAHundredthOfTheCap() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        for (int i = 0; i < 50; i++) {
            now.addAndGet(1);
            rate.onThrottled(now.get());
        }
        assertThat(rate.current()).isCloseTo(10, CLOSE);
        assertThat(new AdaptiveRate(50, now::get)).satisfies(small -> {
            for (int i = 0; i < 20; i++) {
                now.addAndGet(1);
                small.onThrottled(now.get());
            }
            assertThat(small.current()).isCloseTo(1, CLOSE);
        });
    }

    @Test
    void withoutThrottlingTheRateClimbsATwentiethOfTheCapPerSecondAndNeverPassesTheCap() {
        AdaptiveRate rate = new AdaptiveRate(1000, now::get);
        rate.onThrottled(now.get());
        now.addAndGet(1);
        rate.onThrottled(now.get());
        assertThat(rate.current()).isCloseTo(250, CLOSE);

        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(rate.current()).isCloseTo(300, CLOSE);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(rate.current()).isCloseTo(800, CLOSE);
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertThat(rate.current()).isCloseTo(1000, CLOSE);
        assertThat(rate.lowest()).isCloseTo(250, CLOSE);
    }
}
