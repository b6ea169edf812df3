package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CarrierBindTest {
    private static final Duration MIN = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(30);

    @RepeatedTest(20)
    void backoffStaysBetweenMinAndMax() {
        for (int attempts = 0; attempts < 40; attempts++) {
            assertThat(CarrierBind.backoff(attempts, MIN, MAX)).isBetween(MIN, MAX);
        }
    }

    @Test
    void backoffGrowsExponentiallyUntilTheMaximum() {
        assertThat(CarrierBind.backoff(3, MIN, MAX)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(CarrierBind.backoff(20, MIN, MAX)).isBetween(Duration.ofSeconds(15), MAX);
    }
}
