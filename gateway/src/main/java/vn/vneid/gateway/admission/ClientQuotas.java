package vn.vneid.gateway.admission;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.auth.ClientRate;

/**
 * Per-client token buckets shared by every gateway instance. {@link #take} takes one token from the client's
 * bucket (which holds up to {@code rate.burst()} tokens and refills at {@code rate.perSecond()}) and completes
 * with whether there was one and, when not, how long until the next one. The stage fails when the store cannot
 * be reached; callers decide what that means (the gateway lets the request through).
 */
public interface ClientQuotas {
    CompletionStage<Decision> take(String client, ClientRate rate);

    /** A token was taken, or none was left and the next one comes after {@code retryAfter}. */
    record Decision(boolean granted, Duration retryAfter) {
        public static final Decision GRANTED = new Decision(true, Duration.ZERO);
    }
}
