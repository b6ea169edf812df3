package vn.vneid.gateway.notices.campaigns;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A campaign's counters: lines {@code received} in uploads, of which {@code invalid} were refused and
 * {@code queued} written to its lane; then what became of the queued ones. A recipient is settled once it is
 * submitted, failed, expired, opted out or cancelled ({@code delivered} and {@code undelivered}, from
 * receipts, are later states of a submitted one).
 */
public record CampaignTotals(long received, long invalid, long queued, long submitted, long delivered,
                             long undelivered, long failed, long expired, long optedOut, long cancelled) {

    /** The hash fields, also the states the dispatcher counts with {@code CampaignRegistry.count}. */
    public static final List<String> FIELDS = List.of("received", "invalid", "queued", "submitted", "delivered",
            "undelivered", "failed", "expired", "opted_out", "cancelled");

    static CampaignTotals of(Map<String, String> hash) {
        return new CampaignTotals(get(hash, "received"), get(hash, "invalid"), get(hash, "queued"),
                get(hash, "submitted"), get(hash, "delivered"), get(hash, "undelivered"), get(hash, "failed"),
                get(hash, "expired"),
                get(hash, "opted_out"), get(hash, "cancelled"));
    }

    public long settled() {
        return submitted + failed + expired + optedOut + cancelled;
    }

    /** Queued recipients not settled yet. */
    public long pending() {
        return Math.max(0, queued - settled());
    }

    public JsonObject toJson() {
        return new JsonObject().put("received", received).put("invalid", invalid).put("queued", queued)
                .put("submitted", submitted).put("delivered", delivered).put("undelivered", undelivered)
                .put("failed", failed).put("expired", expired)
                .put("opted_out", optedOut).put("cancelled", cancelled).put("pending", pending());
    }

    private static long get(Map<String, String> hash, String field) {
        String v = hash.get(field);
        return v == null ? 0 : Long.parseLong(v);
    }
}
