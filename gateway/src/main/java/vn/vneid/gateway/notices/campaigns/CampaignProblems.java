package vn.vneid.gateway.notices.campaigns;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.notices.NoticeException;
import vn.vneid.gateway.notices.NoticeException.Kind;

/** The campaign refusals the API answers, and the lookup every campaign route starts with. */
public final class CampaignProblems {
    private CampaignProblems() {
    }

    public static NoticeException notFound() {
        return NoticeException.of(Kind.NOT_FOUND, "campaign.not_found", "no campaign with this id");
    }

    public static NoticeException closed(CampaignState state) {
        return NoticeException.of(Kind.CONFLICT, "campaign.closed", "the campaign is " + label(state)
                + " and takes no more recipients; create a new campaign").with("state", state.name());
    }

    public static NoticeException invalidTransition(CampaignState from, CampaignState to) {
        return NoticeException.of(Kind.CONFLICT, "campaign.invalid_transition",
                        "a " + label(from) + " campaign cannot become " + label(to))
                .with("from", from.name()).with("to", to.name());
    }

    /** The campaign when it exists and belongs to {@code client}; else not found, as if it did not exist. */
    public static CompletionStage<Campaign> owned(RedisCampaignStore store, String id, String client) {
        if (!Campaign.isId(id)) {
            return CompletableFuture.failedFuture(notFound());
        }
        return store.find(id).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(found.filter(c -> c.client().equals(client))
                        .orElseThrow(CampaignProblems::notFound));
            }
            return store.lostAt(id).thenApply(lost -> {
                throw lost.map(CampaignProblems::lost).orElseGet(CampaignProblems::notFound);
            });
        });
    }

    /** The campaign was running when Redis lost its data (see {@code StoreSafety}): say so, not a plain 404. */
    public static NoticeException lost(java.time.Instant at) {
        return NoticeException.of(Kind.GONE, "campaign.lost", "the campaign was lost when the store lost its data at " + at
                + "; create it again and upload its recipients").with("lostAt", at.toString());
    }

    private static String label(CampaignState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
