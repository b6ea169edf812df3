package vn.vneid.gateway.pumping;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import vn.vneid.gateway.config.ConfigException;
import vn.vneid.gateway.config.Durations;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.ProblemException;

/** The edge rules of the prefix-hold API: a prefix in the path, an optional {@code {duration}} body. */
final class PrefixHoldInput {
    static final Duration MIN_DURATION = Duration.ofMinutes(1);

    private PrefixHoldInput() {
    }

    /** {@code {prefix}} of the path: 400 naming {@code prefix} unless {@code 84} and two digits. */
    static NumberPrefix prefix(RoutingContext ctx) {
        try {
            return new NumberPrefix(ctx.pathParam("prefix"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("prefix", e.getMessage());
        }
    }

    /**
     * The body's {@code duration} ({@code 2h}, {@code 90m}, {@code PT2H}), 1 minute to 30 days; {@code fallback}
     * when there is no body or no duration in it.
     */
    static Duration duration(RoutingContext ctx, Duration fallback) {
        Buffer raw = ctx.body().buffer();
        if (raw == null || raw.length() == 0) {
            return fallback;
        }
        JsonRequest body = JsonRequest.of(ctx);
        for (String field : body.json().fieldNames()) {
            if (!field.equals("duration")) {
                throw ProblemException.invalidField(field, "is not a prefix-hold field (duration)");
            }
        }
        Object value = body.json().getValue("duration");
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw ProblemException.invalidField("duration", "must be a string such as 30m, 2h or PT2H");
        }
        Duration duration;
        try {
            duration = Durations.parse("duration", text);
        } catch (ConfigException | ArithmeticException | IllegalArgumentException e) {
            throw ProblemException.invalidField("duration", "must be a duration such as 30m, 2h or PT2H");
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(PumpingGuardConfig.MAX_HOLD) > 0) {
            throw ProblemException.invalidField("duration", "must be between 1 minute and 30 days");
        }
        return duration;
    }
}
