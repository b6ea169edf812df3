package vn.vneid.gateway.notices.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.vneid.gateway.notices.QuietHours;

/** ETA at the measured pace, with quiet hours (22:00-07:00 in Hanoi, UTC+7) not counted. */
class CampaignEtaTest {
    /** 10:00 in Hanoi. */
    private static final Instant MORNING = Instant.parse("2026-03-02T03:00:00Z");

    @Test
    void noPaceMeansNoEta() {
        assertThat(CampaignEta.of(100, 0, QuietHours.DEFAULT, MORNING)).isEmpty();
    }

    @Test
    void withinTheDayItIsPendingOverRate() {
        assertThat(CampaignEta.of(7200, 2, QuietHours.DEFAULT, MORNING)).contains(MORNING.plusSeconds(3600));
    }

    @Test
    void quietHoursPauseTheCount() {
        // 10:00 to 22:00 sends 12 h; the 13th hour is sent 07:00-08:00 the next day
        assertThat(CampaignEta.of(13 * 3600, 1, QuietHours.DEFAULT, MORNING))
                .contains(Instant.parse("2026-03-03T01:00:00Z"));
    }

    @Test
    void startingInsideQuietHoursWaitsForTheirEnd() {
        Instant night = Instant.parse("2026-03-02T16:00:00Z"); // 23:00 in Hanoi
        assertThat(CampaignEta.of(60, 1, QuietHours.DEFAULT, night)).contains(Instant.parse("2026-03-03T00:01:00Z"));
    }

    @Test
    void neverQuietIsAStraightLine() {
        assertThat(CampaignEta.of(86_400 * 3L, 1, QuietHours.NEVER, MORNING)).contains(MORNING.plusSeconds(86_400 * 3L));
    }
}
