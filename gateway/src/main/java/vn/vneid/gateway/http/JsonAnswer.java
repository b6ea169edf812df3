package vn.vneid.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A successful JSON answer; {@code replayed} marks one sent again for a repeated Idempotency-Key. */
public record JsonAnswer(int status, JsonObject body, boolean replayed) {

    public static JsonAnswer of(int status, JsonObject body) {
        return new JsonAnswer(status, body, false);
    }

    /** Writes the answer, unless the request was answered already (its time ran out) or the client went away. */
    public void write(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (replayed) {
            response.putHeader("Idempotent-Replayed", "true");
        }
        response.end(body.encode());
    }

    String encode() {
        return new JsonObject().put("status", status).put("body", body).encode();
    }

    static JsonAnswer decodeReplay(String stored) {
        JsonObject json = new JsonObject(stored);
        return new JsonAnswer(json.getInteger("status"), json.getJsonObject("body"), true);
    }
}
