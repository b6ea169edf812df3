package vn.vneid.gateway.notices.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import vn.vneid.gateway.notices.QuietHours;

/**
 * When a campaign should be done: its pending recipients at the measured pace, with sending paused through
 * quiet hours (time spent in them does not count). Empty when nothing is measured (rate 0) or the campaign is
 * not running.
 */
public final class CampaignEta {
    private static final int MAX_DAYS = 3660;

    private CampaignEta() {
    }

    public static Optional<Instant> of(long pending, double perSecond, QuietHours quiet, Instant now) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        if (pending == 0) {
            return Optional.of(now);
        }
        double seconds = pending / perSecond;
        if (seconds > Duration.ofDays(MAX_DAYS).getSeconds()) {
            return Optional.empty();
        }
        Duration left = Duration.ofMillis((long) Math.ceil(seconds * 1000));
        Instant t = now;
        for (int day = 0; day <= MAX_DAYS; day++) {
            t = quiet.nextAllowed(t);
            Optional<Instant> quietFrom = nextQuietStart(quiet, t);
            if (quietFrom.isEmpty() || !t.plus(left).isAfter(quietFrom.get())) {
                return Optional.of(t.plus(left));
            }
            left = left.minus(Duration.between(t, quietFrom.get()));
            t = quietFrom.get();
        }
        return Optional.empty();
    }

    /** The next start of a quiet span after {@code at} (which is not quiet); empty when never quiet. */
    private static Optional<Instant> nextQuietStart(QuietHours quiet, Instant at) {
        if (quiet.start().equals(quiet.end())) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(quiet.zone());
        ZonedDateTime start = local.with(quiet.start());
        if (!start.isAfter(local)) {
            start = start.plusDays(1);
        }
        return Optional.of(start.toInstant());
    }
}
