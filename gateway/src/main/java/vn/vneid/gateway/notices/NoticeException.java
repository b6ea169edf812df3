package vn.vneid.gateway.notices;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notice pipeline refuses what it was asked: {@code kind} says how (bad input, no such thing, not in this
 * state, gone for good), {@code code} is stable and machine-readable ({@code campaign.closed}), {@code field}
 * names what to fix where there is one, and {@code facts} are extra members a client needs to act on it (the
 * campaign's state, the moment it was lost). The pipeline knows nothing of HTTP: the edge maps each kind to a
 * status in one place ({@code FailureHandler}). An expected outcome, so it carries no stack trace.
 */
public class NoticeException extends RuntimeException {
    private final Kind kind;
    private final String code;
    private final String field;
    private final Map<String, Object> facts;

    public NoticeException(Kind kind, String code, String field, String message) {
        this(kind, code, field, message, Map.of());
    }

    private NoticeException(Kind kind, String code, String field, String message, Map<String, Object> facts) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.facts = facts;
    }

    /** A refusal of {@code kind} with no field. */
    public static NoticeException of(Kind kind, String code, String message) {
        return new NoticeException(kind, code, null, message);
    }

    /** The same refusal with one more fact for the client. */
    public NoticeException with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(facts);
        more.put(name, value);
        return new NoticeException(kind, code, field, getMessage(), Map.copyOf(more));
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    public Map<String, Object> facts() {
        return facts;
    }

    /** How a request was refused. */
    public enum Kind {
        /** The input breaks a rule; fix {@code field}. */
        INVALID,
        /** No such thing (or not the caller's). */
        NOT_FOUND,
        /** Not allowed in the thing's current state. */
        CONFLICT,
        /** It existed and is gone for good. */
        GONE
    }
}
