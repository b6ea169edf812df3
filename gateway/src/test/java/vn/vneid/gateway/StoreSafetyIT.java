package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.vneid.gateway.GatewayHarness.json;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.config.ConfigException;
import vn.vneid.gateway.config.DurabilityConfig;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * A gateway checks that Redis keeps what it accepts: it will not run on a Redis that would lose queued work on a
 * restart (unless told it may), stops being ready when Redis stops persisting, and reports a Redis that lost its
 * data instead of answering 404 for what was lost.
 */
class StoreSafetyIT {
    @RegisterExtension
    static final RedisServerExtension volatileRedis = new RedisServerExtension();
    @RegisterExtension
    static final RedisServerExtension persistentRedis = RedisServerExtension.persistent();
    private static final DurabilityConfig FAST_CHECKS =
            new DurabilityConfig(false, Duration.ofSeconds(10), Duration.ofMillis(200));

    @Test
    void refusesToStartOnARedisWithoutAnAppendOnlyFileUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> GatewayHarness.start(volatileRedis.url(), c -> c.withDurability(DurabilityConfig.defaults())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("appendonly is off")
                .hasMessageContaining("redis.allowVolatile");

        try (GatewayHarness gw = GatewayHarness.start(volatileRedis.url(),
                c -> c.withDurability(DurabilityConfig.defaults().withAllowVolatile(true)))) {
            HttpResponse<String> ready = gw.get("/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).getString("store")).isEqualTo("volatile");
        }
    }

    @Test
    void stopsBeingReadyWhileRedisDoesNotPersist() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(persistentRedis.url(), c -> c.withDurability(FAST_CHECKS))) {
            assertThat(json(gw.get("/health/ready", null)).getString("store")).isEqualTo("persistent");

            persistentRedis.commands().configSet("appendonly", "no");
            GatewayHarness.awaitTrue(() -> ready(gw) == 503, Duration.ofSeconds(10));
            assertThat(json(gw.get("/health/ready", null)).getString("store")).isEqualTo("not_persistent");
            assertThat(gw.get("/metrics", null).body()).contains("redis_persistent 0.0");

            persistentRedis.commands().configSet("appendonly", "yes");
            GatewayHarness.awaitTrue(() -> ready(gw) == 200, Duration.ofSeconds(10));
        }
    }

    @Test
    void aRedisThatLostItsDataIsReportedAndItsCampaignsReadLostNotMissing() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(persistentRedis.url(), c -> c.withDurability(FAST_CHECKS))) {
            String key = GatewayHarness.OPS_KEY;
            HttpResponse<String> created = gw.post("/v1/campaigns", key, new JsonObject().put("name", "Sinh nhat")
                    .put("template", "SCAM_WARNING").put("maxRate", 1).encode());
            String id = json(created).getString("campaignId");
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                ndjson.append("{\"to\":\"").append(String.format("0362%06d", i)).append("\",\"vars\":{}}\n");
            }
            assertThat(gw.send(gw.request("/v1/campaigns/" + id + "/recipients").header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())))
                    .statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/campaigns/" + id + "/start", key, "{}").statusCode()).isEqualTo(200);
            // The dispatcher learns it runs, and the lane gauges see its recipients waiting (paced at 1/s).
            GatewayHarness.awaitTrue(() -> metric(gw, "queue_depth{carrier=\"any\",lane=\"bulk\"}") > 0,
                    Duration.ofSeconds(15));

            persistentRedis.server().restartEmpty();

            GatewayHarness.awaitTrue(() -> metric(gw, "redis_data_losses_total") == 1, Duration.ofSeconds(15));
            assertThat(metric(gw, "redis_lost_campaigns_total")).isEqualTo(1);
            assertThat(metric(gw, "redis_lost_notices_total{lane=\"bulk\"}")).isGreaterThan(0);
            HttpResponse<String> lost = gw.get("/v1/campaigns/" + id, key);
            assertThat(lost.statusCode()).isEqualTo(410);
            assertThat(json(lost).getString("code")).isEqualTo("campaign.lost");
            assertThat(gw.get("/v1/campaigns/cmp_00000000000000000000000000000000", key).statusCode())
                    .as("an id that never existed is still 404").isEqualTo(404);
            // A second look is not a second loss: the new epoch is kept.
            GatewayHarness.awaitTrue(() -> ready(gw) == 200, Duration.ofSeconds(10));
            assertThat(metric(gw, "redis_data_losses_total")).isEqualTo(1);
        }
    }

    private static int ready(GatewayHarness gw) {
        try {
            return gw.get("/health/ready", null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static double metric(GatewayHarness gw, String series) {
        try {
            for (String line : gw.get("/metrics", null).body().split("\n")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(line.substring(series.length() + 1).trim());
                }
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
