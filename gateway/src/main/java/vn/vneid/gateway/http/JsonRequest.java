package vn.vneid.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a JSON object body and its fields, failing with a problem that names the field. */
public final class JsonRequest {
    private final JsonObject body;

    private JsonRequest(JsonObject body) {
        this.body = body;
    }

    /** The body as a JSON object; 415 unless it is declared JSON, 400 when it is empty or not an object. */
    public static JsonRequest of(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw FailureHandler.byStatus(415);
        }
        Buffer raw = ctx.body().buffer();
        if (raw == null || raw.length() == 0) {
            throw ProblemException.of(400, "request.malformed_json", "the body must be a JSON object");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(raw);
        } catch (DecodeException e) {
            throw ProblemException.of(400, "request.malformed_json", "the body is not well-formed JSON");
        }
        if (!(parsed instanceof JsonObject json)) {
            throw ProblemException.of(400, "request.malformed_json", "the body must be a JSON object");
        }
        return new JsonRequest(json);
    }

    public JsonObject json() {
        return body;
    }

    /** A required string field. */
    public String string(String field) {
        String value = optionalString(field);
        if (value == null || value.isEmpty()) {
            throw ProblemException.invalidField(field, "is required");
        }
        return value;
    }

    /** An optional string field: null when absent or JSON null, 400 when of another type. */
    public String optionalString(String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw ProblemException.invalidField(field, "must be a string");
        }
        return s;
    }
}
