package vn.vneid.gateway.notices.campaigns;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a client may do to a campaign, and from which states: the only ways a campaign's state changes by request. */
public enum CampaignAction {
    START(CampaignState.RUNNING, Set.of(CampaignState.DRAFT)),
    PAUSE(CampaignState.PAUSED, Set.of(CampaignState.RUNNING)),
    RESUME(CampaignState.RUNNING, Set.of(CampaignState.PAUSED)),
    CANCEL(CampaignState.CANCELLED, CampaignState.OPEN);

    private final CampaignState to;
    private final Set<CampaignState> from;

    CampaignAction(CampaignState to, Set<CampaignState> from) {
        this.to = to;
        this.from = from;
    }

    public CampaignState to() {
        return to;
    }

    public Set<CampaignState> from() {
        return from;
    }

    /** {@code start}, {@code pause}, {@code resume} or {@code cancel}, as in the path. */
    public static Optional<CampaignAction> ofPath(String segment) {
        for (CampaignAction a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(segment)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
