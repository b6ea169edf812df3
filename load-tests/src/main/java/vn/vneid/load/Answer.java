package vn.vneid.load;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One HTTP answer of the gateway as the generator judges it: its status, its {@code Retry-After} header and, for a
 * 429 or 503, the {@code code} of its problem document (null when absent or unreadable).
 *
 * <p>{@link #outcome(int)} sorts it: <em>accepted</em> is the request's success status (202, or 200 for verify);
 * <em>shed</em> is the gateway telling the excess to come back later, as the architecture promises it does past an
 * instance's capacity: 503 {@code overloaded}, or any 429 (a client's quota, an OTP limit), in both cases with a
 * valid {@code Retry-After} (delay-seconds or an HTTP date), because a refusal that does not say when to retry is
 * not load shedding but a failure; everything else is an <em>error</em>, 503 {@code store.unavailable} included.
 */
record Answer(int status, String retryAfter, String problemCode) {
    /** The problem code of a 503 that sheds load on purpose. */
    static final String OVERLOADED = "overloaded";

    /** How an answer counts in a run. */
    enum Outcome {
        ACCEPTED, SHED, ERROR
    }

    /** An answer known by its status alone (the scenarios that do not read problem documents). */
    static Answer ofStatus(int status) {
        return new Answer(status, null, null);
    }

    /** Whether an answer with this status is worth reading for its problem code: only load refusals are. */
    static boolean carriesRefusal(int status) {
        return status == 429 || status == 503;
    }

    /** The {@code code} member of a problem document, or null when the body is not JSON or has no string code. */
    static String problemCode(String body) {
        try {
            return new JsonObject(body).getValue("code") instanceof String code ? code : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    Outcome outcome(int expectedStatus) {
        if (status == expectedStatus) {
            return Outcome.ACCEPTED;
        }
        boolean refusal = status == 429 || (status == 503 && OVERLOADED.equals(problemCode));
        return refusal && hasValidRetryAfter() ? Outcome.SHED : Outcome.ERROR;
    }

    /** {@code 503 overloaded}, {@code 429 client.rate_limited}, {@code 503 (no code)}: what the summary counts. */
    String label() {
        if (!carriesRefusal(status)) {
            return Integer.toString(status);
        }
        String label = status + (problemCode == null ? " (no code)" : " " + problemCode);
        return hasValidRetryAfter() ? label : label + " (no valid Retry-After)";
    }

    /** RFC 9110 §10.2.3: delay-seconds (digits) or an HTTP date. */
    private boolean hasValidRetryAfter() {
        if (retryAfter == null || retryAfter.isBlank()) {
            return false;
        }
        String value = retryAfter.trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        try {
            DateTimeFormatter.RFC_1123_DATE_TIME.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
