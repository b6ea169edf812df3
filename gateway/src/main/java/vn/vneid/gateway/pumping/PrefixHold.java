package vn.vneid.gateway.pumping;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import vn.vneid.gateway.http.ProblemException;

/**
 * OTP issues to one number prefix held from {@code since} until {@code until}: {@code DETECTED} by an instance,
 * with the {@link Evidence} it saw, or set by an operator ({@code MANUAL}, {@code by} the API client's name).
 */
public record PrefixHold(NumberPrefix prefix, Instant since, Instant until, Source source, Optional<Evidence> evidence,
                         Optional<String> by) {

    public enum Source { DETECTED, MANUAL }

    static PrefixHold detected(NumberPrefix prefix, Instant now, Duration holdFor, Evidence evidence) {
        return new PrefixHold(prefix, now, now.plus(holdFor), Source.DETECTED, Optional.of(evidence), Optional.empty());
    }

    static PrefixHold manual(NumberPrefix prefix, Instant now, Duration holdFor, String by) {
        return new PrefixHold(prefix, now, now.plus(holdFor), Source.MANUAL, Optional.empty(), Optional.of(by));
    }

    public boolean activeAt(Instant now) {
        return until.isAfter(now);
    }

    /** The answer to an issue refused by this hold: 429 {@code otp.prefix_held}, Retry-After until it ends. */
    ProblemException refusal(Instant now) {
        return ProblemException.of(429, "otp.prefix_held", "OTPs to numbers in " + prefix
                        + " are held (suspected SMS pumping) until " + until + "; nothing was issued")
                .with("prefix", prefix.digits())
                .with("until", until.toString())
                .retryAfter(Duration.between(now, until));
    }

    /** As the admin API shows it. */
    public JsonObject toJson() {
        JsonObject reason = new JsonObject().put("source", source.name().toLowerCase(Locale.ROOT));
        by.ifPresent(name -> reason.put("by", name));
        evidence.ifPresent(e -> reason.mergeIn(e.toJson()));
        return new JsonObject()
                .put("prefix", prefix.digits())
                .put("since", since.toString())
                .put("until", until.toString())
                .put("reason", reason);
    }

    /** As kept in Redis: the admin form with {@code sinceMs} and {@code untilMs}, which the scripts read. */
    String encode() {
        return toJson().put("sinceMs", since.toEpochMilli()).put("untilMs", until.toEpochMilli()).encode();
    }

    /** A hold read back from Redis; empty when the stored text is not one (it is then ignored). */
    static Optional<PrefixHold> decode(String prefix, String stored) {
        try {
            JsonObject json = new JsonObject(stored);
            JsonObject reason = json.getJsonObject("reason", new JsonObject());
            Source source = Source.valueOf(reason.getString("source", "manual").toUpperCase(Locale.ROOT));
            return Optional.of(new PrefixHold(new NumberPrefix(prefix), Instant.ofEpochMilli(json.getLong("sinceMs")),
                    Instant.ofEpochMilli(json.getLong("untilMs")), source,
                    source == Source.DETECTED ? Optional.of(Evidence.fromJson(reason)) : Optional.empty(),
                    Optional.ofNullable(reason.getString("by"))));
        } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
