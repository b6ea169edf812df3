package vn.vneid.gateway.notices.campaigns;

import java.util.Set;

/**
 * Where a campaign is in its life: built and filled in DRAFT, sent while RUNNING (inside its window and outside
 * quiet hours), held in PAUSED; COMPLETED once every queued recipient is settled and its lane is empty;
 * CANCELLED with its unsent recipients dropped. COMPLETED and CANCELLED are final and take no more recipients.
 */
public enum CampaignState {
    DRAFT, RUNNING, PAUSED, COMPLETED, CANCELLED;

    /** States that still take recipients. */
    public static final Set<CampaignState> OPEN = Set.of(DRAFT, RUNNING, PAUSED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
