package vn.vneid.gateway.notices;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the dispatcher needs to know of campaigns: which are running now, at what pace and with which quiet
 * hours, and where to count what happened to their recipients. Implemented by the campaigns feature.
 */
public interface CampaignRegistry {

    /** Campaigns whose lanes may be read now (state RUNNING, inside their window). */
    CompletionStage<List<ActiveCampaign>> running();

    /** Adds {@code delta} to a campaign's total for {@code state} (e.g. submitted, delivered, failed, opted_out). */
    CompletionStage<Void> count(String campaignId, String state, long delta);

    /**
     * Marks a running campaign completed once every recipient it queued is settled and its lane is empty;
     * true when this call completed it.
     */
    CompletionStage<Boolean> completeIfDone(String campaignId);

    /** A running campaign: its id, its pace (messages per second at most) and its quiet hours. */
    record ActiveCampaign(String id, double maxRate, QuietHours quietHours) {
    }
}
