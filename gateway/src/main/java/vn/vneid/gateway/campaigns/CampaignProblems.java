package vn.vneid.gateway.campaigns;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.http.ProblemException;

/** The campaign problems the API answers, and the lookup every campaign route starts with. */
final class CampaignProblems {
    private CampaignProblems() {
    }

    static ProblemException notFound() {
        return ProblemException.of(404, "campaign.not_found", "no campaign with this id");
    }

    static ProblemException closed(CampaignState state) {
        return ProblemException.of(409, "campaign.closed", "the campaign is " + label(state)
                + " and takes no more recipients; create a new campaign").with("state", state.name());
    }

    static ProblemException invalidTransition(CampaignState from, CampaignState to) {
        return ProblemException.of(409, "campaign.invalid_transition",
                        "a " + label(from) + " campaign cannot become " + label(to))
                .with("from", from.name()).with("to", to.name());
    }

    /** The campaign when it exists and belongs to {@code client}; else a 404, as if it did not exist. */
    static CompletionStage<Campaign> owned(RedisCampaignStore store, String id, String client) {
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
    static ProblemException lost(java.time.Instant at) {
        return ProblemException.of(410, "campaign.lost", "the campaign was lost when the store lost its data at " + at
                + "; create it again and upload its recipients").with("lostAt", at.toString());
    }

    private static String label(CampaignState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
