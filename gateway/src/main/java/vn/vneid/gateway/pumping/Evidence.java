package vn.vneid.gateway.pumping;

import io.vertx.core.json.JsonObject;

/**
 * What one instance saw of a number prefix: {@code issues} issued in the window that ended {@code verifyDelay}
 * ago, {@code verified} codes approved from that window's start until now (so codes typed a little late still
 * count), and the {@code baseline} issues per window it was compared with (at least the floor).
 */
public record Evidence(long issues, long verified, double baseline) {

    /** Approvals per issue; 0 when nothing was issued. */
    public double verifyRatio() {
        return issues == 0 ? 0 : (double) verified / issues;
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("issues", issues)
                .put("verified", verified)
                .put("verifyRatio", Math.round(verifyRatio() * 1000) / 1000.0)
                .put("baseline", Math.round(baseline * 10) / 10.0);
    }

    static Evidence fromJson(JsonObject json) {
        return new Evidence(json.getLong("issues", 0L), json.getLong("verified", 0L), json.getDouble("baseline", 0.0));
    }
}
