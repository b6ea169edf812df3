package vn.vneid.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An outage of receipt recording is one WARN (and one a minute while it lasts), not one per receipt. */
class ReceiptOutageTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final ReceiptOutage outage = new ReceiptOutage("viettel", now::get);

    @Test
    void thousandsOfDeferredReceiptsInAMinuteLogOneWarning() {
        int warnings = 0;
        for (int i = 0; i < 5000; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));   // 50 s in all
            warnings += outage.deferred("store unavailable") ? 1 : 0;
        }
        assertThat(warnings).isEqualTo(1);
    }

    @Test
    void aLongOutageRepeatsItsWarningOnceAMinute() {
        int warnings = 0;
        for (int i = 0; i < 600; i++) {
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));   // ten minutes, a deferral a second
            warnings += outage.deferred("store unavailable") ? 1 : 0;
        }
        assertThat(warnings).isBetween(10, 11);
    }

    @Test
    void aRecordedReceiptAfterAWarningSaysOnceThatTheOutageIsOver() {
        assertThat(outage.recorded()).as("nothing to end").isFalse();
        assertThat(outage.deferred("store unavailable")).isTrue();
        assertThat(outage.deferred("store unavailable")).isFalse();

        assertThat(outage.recorded()).isTrue();
        assertThat(outage.recorded()).isFalse();
    }

    @Test
    void aFlappingStoreStillWarnsAtMostOnceAMinute() {
        int lines = 0;
        for (int i = 0; i < 600; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));   // a minute of fail, succeed, fail, succeed...
            lines += outage.deferred("store unavailable") ? 1 : 0;
            lines += outage.recorded() ? 1 : 0;
        }
        assertThat(lines).as("a WARN and its INFO").isEqualTo(2);

        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(outage.deferred("store unavailable")).as("a minute later").isTrue();
    }
}
