package vn.vneid.gateway.notices.campaigns;

import java.util.Optional;

/** What a requested state change found: the state before ({@code from}, empty for no such campaign) and whether it moved. */
public record Transition(Optional<CampaignState> from, CampaignState to, boolean applied) {
}
