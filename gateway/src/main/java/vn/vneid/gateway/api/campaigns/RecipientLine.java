package vn.vneid.gateway.api.campaigns;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.TemplateException;
import vn.vneid.gateway.notices.TemplateRenderer;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.smpp.Msisdn;

/**
 * One NDJSON line of an upload, {@code {"to":"0912345678","vars":{...}}}, turned into the campaign's
 * {@link LaneMessage} (text rendered now, valid until now + validFor) or into the reason it was refused.
 * Exactly one of {@code message} and {@code reason} is set; {@code field} names the part at fault, if one is.
 */
record RecipientLine(LaneMessage message, String field, String reason) {

    static RecipientLine parse(Buffer line, Campaign campaign, TemplateRenderer templates, String requestId,
                               Instant now) {
        Object parsed;
        try {
            parsed = Json.decodeValue(line);
        } catch (DecodeException e) {
            return refused(null, "is not well-formed JSON");
        }
        if (!(parsed instanceof JsonObject json)) {
            return refused(null, "must be a JSON object");
        }
        if (!(json.getValue("to") instanceof String to)) {
            return refused("to", json.getValue("to") == null ? "to is required" : "to must be a string");
        }
        Msisdn phone;
        try {
            phone = Msisdn.parse(to);
        } catch (IllegalArgumentException e) {
            return refused("to", "to " + e.getMessage());
        }
        Object rawVars = json.getValue("vars");
        if (rawVars != null && !(rawVars instanceof JsonObject)) {
            return refused("vars", "vars must be an object");
        }
        JsonObject vars = rawVars == null ? new JsonObject() : (JsonObject) rawVars;
        String text;
        try {
            text = templates.render(campaign.template(), campaign.locale(), vars);
        } catch (TemplateException e) {
            return refused(e.field(), e.getMessage());
        }
        return new RecipientLine(new LaneMessage(messageId(), campaign.client(), phone, text, campaign.unaccent(),
                campaign.category(), now.plus(campaign.validFor()), Optional.of(campaign.id()), Optional.empty(),
                requestId, 0), null, null);
    }

    static String messageId() {
        UUID u = UUID.randomUUID();
        return "msg_" + hex(u.getMostSignificantBits()) + hex(u.getLeastSignificantBits());
    }

    private static String hex(long bits) {
        String h = Long.toHexString(bits);
        return "0".repeat(16 - h.length()) + h;
    }

    private static RecipientLine refused(String field, String reason) {
        return new RecipientLine(null, field, reason);
    }
}
