package vn.vneid.gateway.notices;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.vneid.smpp.Msisdn;

/**
 * One notice waiting in a durable lane: already rendered ({@code text}), addressed, with its validity and the
 * facts its status and webhooks need. {@code campaignId} is set for campaign recipients; {@code attempt}
 * counts deliveries to the SMSC that ended in a temporary failure (0 for a fresh message).
 */
public record LaneMessage(
        String messageId,
        String client,
        Msisdn to,
        String text,
        boolean unaccent,
        Category category,
        Instant validUntil,
        Optional<String> campaignId,
        Optional<String> callbackUrl,
        String requestId,
        int attempt) {

    public LaneMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
    }

    public LaneMessage nextAttempt() {
        return new LaneMessage(messageId, client, to, text, unaccent, category, validUntil, campaignId, callbackUrl,
                requestId, attempt + 1);
    }

    /** The text may be personal: never print it. */
    @Override
    public String toString() {
        return "LaneMessage[" + messageId + " to " + to.masked() + " " + category + campaignId.map(c -> " " + c).orElse("")
                + " attempt " + attempt + "]";
    }
}
