package vn.vneid.gateway.notices.campaigns;

import java.time.Instant;
import java.util.Objects;

/** When a running campaign may send: from {@code start} (inclusive) to {@code end} (exclusive). */
public record CampaignWindow(Instant start, Instant end) {
    public CampaignWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
