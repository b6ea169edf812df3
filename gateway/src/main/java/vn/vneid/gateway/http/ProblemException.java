package vn.vneid.gateway.http;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * An answer that is not a success, as RFC 9457 problem details: HTTP status, a stable machine {@code code}
 * (e.g. {@code otp.rate_limited}), a human {@code detail}, the offending {@code field} where there is one,
 * {@code retryAfter} for 429/503, and any extra members. Handlers {@code ctx.fail(problem)};
 * {@link FailureHandler} writes it. Thrown for expected outcomes too, so it carries no stack trace.
 */
public final class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final Duration retryAfter;
    private final JsonObject extra;

    private ProblemException(int status, String code, String detail, String field, Duration retryAfter,
                             JsonObject extra) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
        this.extra = extra;
    }

    public static ProblemException of(int status, String code, String detail) {
        return new ProblemException(status, code, detail, null, null, new JsonObject());
    }

    /** 400 naming the field: {@code detail} reads as a sentence about it, e.g. "phone must be digits". */
    public static ProblemException invalidField(String field, String rule) {
        return new ProblemException(400, "request.invalid_field", field + " " + rule, field, null, new JsonObject());
    }

    public ProblemException withField(String name) {
        return new ProblemException(status, code, getMessage(), name, retryAfter, extra);
    }

    public ProblemException retryAfter(Duration after) {
        return new ProblemException(status, code, getMessage(), field, after, extra);
    }

    public ProblemException with(String member, Object value) {
        return new ProblemException(status, code, getMessage(), field, retryAfter, extra.copy().put(member, value));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The problem document, as written to the client. */
    public JsonObject toJson(String instance) {
        JsonObject json = new JsonObject()
                .put("type", "urn:vneid:problem:" + code)
                .put("title", Problems.title(status))
                .put("status", status)
                .put("code", code)
                .put("detail", getMessage());
        if (field != null) {
            json.put("field", field);
        }
        if (retryAfter != null) {
            json.put("retryAfterSeconds", Problems.retryAfterSeconds(retryAfter));
        }
        if (instance != null) {
            json.put("instance", instance);
        }
        return json.mergeIn(extra);
    }
}
