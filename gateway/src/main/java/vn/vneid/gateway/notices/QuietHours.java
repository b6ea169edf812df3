package vn.vneid.gateway.notices;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A daily span during which bulk messages are not sent, in a time zone; it may cross midnight (22:00–07:00).
 * {@link #DEFAULT} is 22:00–07:00 in Asia/Ho_Chi_Minh. An empty span ({@code start == end}) means never quiet.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    public static final QuietHours DEFAULT =
            new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Asia/Ho_Chi_Minh"));
    public static final QuietHours NEVER = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("Asia/Ho_Chi_Minh"));

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
    }

    public boolean isQuiet(Instant at) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** When the quiet span that contains {@code at} ends ({@code at} itself when it is not quiet). */
    public Instant nextAllowed(Instant at) {
        if (!isQuiet(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime end = local.with(this.end);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
