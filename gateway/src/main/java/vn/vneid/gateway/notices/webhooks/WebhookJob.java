package vn.vneid.gateway.notices.webhooks;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import vn.vneid.gateway.notices.StatusListener.StatusEvent;

/**
 * One webhook to deliver: the exact body to POST (the event as JSON, carrying its {@code eventId}), where, for
 * which client (whose secret signs it), how many tries already failed, and why the last one did. Stored as JSON
 * in Redis; the secret never is (it is looked up when signing).
 */
record WebhookJob(String eventId, String client, String url, int failedTries, String body, Optional<String> lastError) {

    WebhookJob {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** A fresh job for {@code event}: body {@code {"eventId","messageId","status","at","reason"?,"campaignId"?}}. */
    static WebhookJob of(StatusEvent event, String url) {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        JsonObject body = new JsonObject().put("eventId", eventId).put("messageId", event.messageId())
                .put("status", event.status()).put("at", event.at().toString());
        event.reason().ifPresent(r -> body.put("reason", r));
        event.campaignId().ifPresent(c -> body.put("campaignId", c));
        return new WebhookJob(eventId, event.client(), url, 0, body.encode(), Optional.empty());
    }

    WebhookJob failedOnce(String error) {
        return new WebhookJob(eventId, client, url, failedTries + 1, body, Optional.of(error));
    }

    String toJson() {
        JsonObject json = new JsonObject().put("eventId", eventId).put("client", client).put("url", url)
                .put("failedTries", failedTries).put("body", body);
        lastError.ifPresent(e -> json.put("lastError", e));
        return json.encode();
    }

    /** Reads a stored job; {@link IllegalArgumentException} when it is not one. */
    static WebhookJob fromJson(String json) {
        JsonObject o;
        try {
            o = new JsonObject(json);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("webhook job is not a JSON object", e);
        }
        for (String field : List.of("eventId", "client", "url", "body")) {
            if (!(o.getValue(field) instanceof String)) {
                throw new IllegalArgumentException("webhook job has no " + field);
            }
        }
        int failedTries = o.getValue("failedTries") instanceof Number n ? n.intValue() : 0;
        Optional<String> lastError = o.getValue("lastError") instanceof String e ? Optional.of(e) : Optional.empty();
        return new WebhookJob(o.getString("eventId"), o.getString("client"), o.getString("url"), failedTries,
                o.getString("body"), lastError);
    }

    /** The URL may carry a token: only its host is printed. */
    @Override
    public String toString() {
        return "WebhookJob[" + eventId + " client " + client + " to " + WebhookConfig.hostOf(url) + " after "
                + failedTries + " failed tries]";
    }
}
