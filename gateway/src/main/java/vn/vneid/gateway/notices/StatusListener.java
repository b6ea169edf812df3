package vn.vneid.gateway.notices;

import java.time.Instant;
import java.util.Optional;

/**
 * Told of every status a message reaches (queued, submitted, delivered, failed, expired, opted_out), after it
 * was recorded; the webhooks feature implements it. Must not block: called on Redis and SMPP threads.
 */
@FunctionalInterface
public interface StatusListener {
    void onStatus(StatusEvent event);

    StatusListener NONE = event -> { };

    /** {@code callbackUrl}: the message's own, if it has one; else the client's default applies. */
    record StatusEvent(String messageId, String client, String status, Instant at, Optional<String> reason,
                       Optional<String> callbackUrl, Optional<String> campaignId) {
    }
}
