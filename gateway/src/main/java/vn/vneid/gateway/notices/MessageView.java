package vn.vneid.gateway.notices;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A stored message as the API shows it: status, masked destination, SMSC facts and the timeline. */
public record MessageView(String messageId, String client, Map<String, String> fields) {

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("messageId", messageId)
                .put("status", fields.get("status"))
                .put("to", fields.get("to"))
                .put("kind", fields.get("kind"));
        putIfPresent(json, "carrier", fields.get("carrier"));
        putIfPresent(json, "smscMessageId", fields.get("smscMessageId"));
        if (fields.containsKey("segments")) {
            json.put("segments", Integer.parseInt(fields.get("segments")));
        }
        putIfPresent(json, "reason", fields.get("reason"));
        List<JsonObject> timeline = new ArrayList<>();
        for (MessageStatus s : MessageStatus.values()) {
            String at = fields.get(s.timeField());
            if (at != null) {
                timeline.add(new JsonObject().put("status", s.label()).put("at", Long.parseLong(at)));
            }
        }
        timeline.sort(Comparator.comparingLong(e -> e.getLong("at")));
        timeline.forEach(e -> e.put("at", Instant.ofEpochMilli(e.getLong("at")).toString()));
        json.put("timeline", new JsonArray(new ArrayList<>(timeline)));
        return json;
    }

    private static void putIfPresent(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
