package vn.vneid.gateway.notices.campaigns;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.QuietHours;

/**
 * A bulk campaign: one template sent to many recipients of one client, at most {@code maxRate} messages a
 * second, outside {@code quietHours} and inside {@code window} (when set). Each recipient's message is valid
 * for {@code validFor} from when it was queued. {@code totals} are as read with the campaign.
 */
public record Campaign(
        String id,
        String client,
        String name,
        String template,
        String locale,
        Category category,
        boolean unaccent,
        Optional<CampaignWindow> window,
        double maxRate,
        QuietHours quietHours,
        Duration validFor,
        CampaignState state,
        Instant createdAt,
        CampaignTotals totals) {

    public static final String ID_PREFIX = "cmp_";
    public static final Duration DEFAULT_VALID_FOR = Duration.ofHours(48);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(validFor, "validFor");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(totals, "totals");
    }

    /** True for {@code cmp_} followed by 32 lowercase hex digits. */
    /** A new campaign id: {@value #ID_PREFIX} and 128 random bits in hex. */
    public static String newId() {
        return ID_PREFIX + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    public static boolean isId(String id) {
        if (id == null || id.length() != ID_PREFIX.length() + 32 || !id.startsWith(ID_PREFIX)) {
            return false;
        }
        for (int i = ID_PREFIX.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The lane its recipients wait in, as {@code NoticeLanes.depth} names it. */
    public static String lane(String campaignId) {
        return "bulk:" + campaignId;
    }

    /** Settings as the API shows them (counters and progress are added by the caller). */
    public JsonObject settingsJson() {
        return new JsonObject()
                .put("name", name)
                .put("template", template)
                .put("locale", locale)
                .put("category", category.name())
                .put("unaccent", unaccent)
                .put("window", window.map(w -> new JsonObject().put("start", w.start().toString())
                        .put("end", w.end().toString())).orElse(null))
                .put("maxRate", maxRate)
                .put("quietHours", new JsonObject().put("start", quietHours.start().format(HH_MM))
                        .put("end", quietHours.end().format(HH_MM)).put("zone", quietHours.zone().getId()))
                .put("validFor", validFor.toString())
                .put("createdAt", createdAt.toString());
    }
}
