package vn.vneid.gateway.notices.lanes;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.smpp.Msisdn;

/** How a {@link LaneMessage} is written in a stream entry (short field names: millions of entries). */
final class LaneEntries {
    private LaneEntries() {
    }

    static Map<String, String> fields(LaneMessage m) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("m", m.messageId());
        f.put("c", m.client());
        f.put("to", m.to().international());
        f.put("t", m.text());
        f.put("u", m.unaccent() ? "1" : "0");
        f.put("k", m.category().name());
        f.put("v", Long.toString(m.validUntil().toEpochMilli()));
        f.put("cid", m.campaignId().orElse(""));
        f.put("cb", m.callbackUrl().orElse(""));
        f.put("r", m.requestId() == null ? "" : m.requestId());
        f.put("a", Integer.toString(m.attempt()));
        return f;
    }

    static String json(LaneMessage m) {
        return new JsonObject(new LinkedHashMap<>(fields(m))).encode();
    }

    static LaneMessage message(Map<String, String> f) {
        return new LaneMessage(f.get("m"), f.get("c"), Msisdn.parse(f.get("to")), f.get("t"), "1".equals(f.get("u")),
                Category.valueOf(f.get("k")), Instant.ofEpochMilli(Long.parseLong(f.get("v"))),
                optional(f.get("cid")), optional(f.get("cb")), f.get("r"), Integer.parseInt(f.get("a")));
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
