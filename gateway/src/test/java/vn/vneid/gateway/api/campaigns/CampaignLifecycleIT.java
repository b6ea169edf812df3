package vn.vneid.gateway.api.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;
import vn.vneid.gateway.notices.campaigns.RedisStreamLanes;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;

/** Creating, reading and moving campaigns over real HTTP on a real Redis. */
class CampaignLifecycleIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    /** 10:00 in Hanoi: outside the default quiet hours. */
    private static final Instant T0 = Instant.parse("2026-03-02T03:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private CampaignApi api;

    @BeforeEach
    void start() throws Exception {
        api = new CampaignApi(redis.url(), clock, UploadLimits.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"template\":\"greeting\",\"maxRate\":10}|name",
            "{\"name\":\"n\",\"template\":\"nope\",\"maxRate\":10}|template",
            "{\"name\":\"n\",\"maxRate\":10}|template",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"locale\":\"fr\"}|locale",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"category\":\"OTP\"}|category",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"unaccent\":\"yes\"}|unaccent",
            "{\"name\":\"n\",\"template\":\"greeting\"}|maxRate",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":0}|maxRate",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":\"fast\"}|maxRate",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"window\":{\"start\":\"soon\",\"end\":\"2026-03-03T00:00:00Z\"}}|window.start",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"window\":{\"start\":\"2026-03-03T00:00:00Z\"}}|window.end",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"window\":{\"start\":\"2026-03-03T00:00:00Z\",\"end\":\"2026-03-02T00:00:00Z\"}}|window.end",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"window\":{\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-01T05:00:00Z\"}}|window.end",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\"}}|quietHours.start",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"quietHours\":{\"start\":\"22:00\"}}|quietHours.end",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"zone\":\"Mars/Base\"}}|quietHours.zone",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"validFor\":\"forever\"}|validFor",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"validFor\":\"30d\"}|validFor",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"validFor\":\"10s\"}|validFor",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":1e-320}|maxRate",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":0.001}|maxRate",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"window\":{\"start\":\"2026-03-03T00:00:00Z\",\"end\":\"+1000000000-01-01T00:00:00Z\"}}|window.end",
            "{\"name\":\"n\",\"template\":\"greeting\",\"maxRate\":10,\"window\":{\"start\":\"+999999999-01-01T00:00:00Z\",\"end\":\"+999999999-01-02T00:00:00Z\"}}|window.start",
            "{\"name\":\"Tax \\u202etxet\",\"template\":\"greeting\",\"maxRate\":10}|name",
            "{\"name\":\"Tax\\u200breminder\",\"template\":\"greeting\",\"maxRate\":10}|name",
            "{\"name\":\"Tax\\nreminder\",\"template\":\"greeting\",\"maxRate\":10}|name",
    })
    void createWithABadFieldAnswers400NamingIt(String body, String field) throws Exception {
        HttpResponse<String> r = api.post("tax", "/v1/campaigns", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo("request.invalid_field");
        assertThat(problem.getString("field")).isEqualTo(field);
    }

    @Test
    void createWithSeveralBadFieldsListsThemAll() throws Exception {
        HttpResponse<String> r = api.post("tax", "/v1/campaigns", "application/json",
                "{\"name\":\"\",\"template\":\"nope\",\"maxRate\":-1,\"validFor\":\"0s\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
        assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field")))
                .containsExactly("name", "template", "maxRate", "validFor");
    }

    @Test
    void createWithoutJsonIs415() throws Exception {
        assertThat(api.post("tax", "/v1/campaigns", "text/plain", "hello").statusCode()).isEqualTo(415);
    }

    @Test
    void aNewCampaignIsADraftWithItsSettingsAndDefaults() throws Exception {
        HttpResponse<String> created = api.post("tax", "/v1/campaigns", "application/json", new JsonObject()
                .put("name", "Nhac nop thue").put("template", "greeting").put("maxRate", 50)
                .put("window", new JsonObject().put("start", "2026-03-02T00:00:00Z").put("end", "2026-03-05T00:00:00Z"))
                .encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = new JsonObject(created.body()).getString("campaignId");
        assertThat(id).matches("cmp_[0-9a-f]{32}");
        assertThat(new JsonObject(created.body()).getString("state")).isEqualTo("DRAFT");

        JsonObject view = new JsonObject(api.get("tax", "/v1/campaigns/" + id).body());
        assertThat(view.getString("state")).isEqualTo("DRAFT");
        assertThat(view.getString("category")).isEqualTo("BULK");
        assertThat(view.getString("locale")).isEqualTo("vi");
        assertThat(view.getString("validFor")).isEqualTo("PT48H");
        assertThat(view.getDouble("maxRate")).isEqualTo(50.0);
        assertThat(view.getJsonObject("quietHours").encode())
                .isEqualTo("{\"start\":\"22:00\",\"end\":\"07:00\",\"zone\":\"Asia/Ho_Chi_Minh\"}");
        assertThat(view.getJsonObject("window").getString("end")).isEqualTo("2026-03-05T00:00:00Z");
        assertThat(view.getJsonObject("totals").getLong("queued")).isZero();
        assertThat(view.getValue("eta")).isNull();
    }

    @Test
    void anotherClientsCampaignIsNotFound() throws Exception {
        String id = api.create("tax", new JsonObject());
        for (HttpResponse<String> r : new HttpResponse[] {
                api.get("police", "/v1/campaigns/" + id),
                api.post("police", "/v1/campaigns/" + id + "/start", "application/json", ""),
                api.post("police", "/v1/campaigns/" + id + "/recipients", "application/x-ndjson",
                        NdjsonBody.recipient(1)),
                api.get("tax", "/v1/campaigns/cmp_nope")}) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("campaign.not_found");
        }
    }

    @Test
    void validTransitionsMoveTheCampaignAndKeepTheRunningSetInStep() throws Exception {
        String id = api.create("tax", new JsonObject());
        assertThat(action(id, "start").getString("state")).isEqualTo("RUNNING");
        assertThat(redis.commands().smembers(RedisCampaignStore.RUNNING)).containsExactly(id);
        JsonObject paused = action(id, "pause");
        assertThat(paused.getString("state")).isEqualTo("PAUSED");
        assertThat(paused.getString("previousState")).isEqualTo("RUNNING");
        assertThat(redis.commands().smembers(RedisCampaignStore.RUNNING)).isEmpty();
        assertThat(action(id, "resume").getString("state")).isEqualTo("RUNNING");
        assertThat(redis.commands().smembers(RedisCampaignStore.RUNNING)).containsExactly(id);
        assertThat(action(id, "cancel").getString("state")).isEqualTo("CANCELLED");
        assertThat(redis.commands().smembers(RedisCampaignStore.RUNNING)).isEmpty();
    }

    @ParameterizedTest(name = "{0} then {1} -> 409 from {2} to {3}")
    @CsvSource({
            ",pause,DRAFT,PAUSED",
            ",resume,DRAFT,RUNNING",
            "start,start,RUNNING,RUNNING",
            "start,resume,RUNNING,RUNNING",
            "cancel,start,CANCELLED,RUNNING",
            "cancel,cancel,CANCELLED,CANCELLED",
    })
    void invalidTransitionsAnswer409NamingFromAndTo(String first, String then, String from, String to) throws Exception {
        String id = api.create("tax", new JsonObject());
        if (first != null) {
            action(id, first);
        }
        HttpResponse<String> r = api.post("tax", "/v1/campaigns/" + id + "/" + then, "application/json", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo("campaign.invalid_transition");
        assertThat(problem.getString("from")).isEqualTo(from);
        assertThat(problem.getString("to")).isEqualTo(to);
    }

    @Test
    void anUnknownActionIsNotFound() throws Exception {
        String id = api.create("tax", new JsonObject());
        assertThat(api.post("tax", "/v1/campaigns/" + id + "/explode", "application/json", "").statusCode()).isEqualTo(404);
    }

    @Test
    void cancelDropsTheWaitingRecipientsAndCountsThemCancelled() throws Exception {
        String id = api.create("tax", new JsonObject());
        HttpResponse<String> uploaded = api.upload("tax", id, () -> new NdjsonBody(250, NdjsonBody::recipient, 4096));
        assertThat(new JsonObject(uploaded.body()).getLong("queued")).isEqualTo(250);
        action(id, "start");
        api.registry.count(id, "submitted", 50).toCompletableFuture().join();

        JsonObject cancelled = action(id, "cancel");
        assertThat(cancelled.getLong("dropped")).isEqualTo(250);
        assertThat(redis.commands().exists(RedisStreamLanes.stream(Campaign.lane(id)))).isZero();
        JsonObject totals = new JsonObject(api.get("tax", "/v1/campaigns/" + id).body()).getJsonObject("totals");
        assertThat(totals.getLong("cancelled")).isEqualTo(250);
        assertThat(totals.getLong("queued")).isEqualTo(250);

        HttpResponse<String> late = api.post("tax", "/v1/campaigns/" + id + "/recipients", "application/x-ndjson",
                NdjsonBody.recipient(1) + "\n");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(late.body()).getString("code")).isEqualTo("campaign.closed");
    }

    @Test
    void progressShowsTheRateOverTheLastMinuteAndAnEta() throws Exception {
        String id = api.create("tax", new JsonObject());
        api.upload("tax", id, () -> new NdjsonBody(1000, NdjsonBody::recipient, 4096));
        action(id, "start");
        JsonObject before = new JsonObject(api.get("tax", "/v1/campaigns/" + id).body());
        assertThat(before.getDouble("ratePerSecond")).isZero();
        assertThat(before.getValue("eta")).as("no pace measured yet").isNull();

        for (int s = 0; s < 60; s++) {
            clock.advance(Duration.ofSeconds(1));
            api.registry.count(id, "submitted", 5).toCompletableFuture().join();
        }
        JsonObject view = new JsonObject(api.get("tax", "/v1/campaigns/" + id).body());
        assertThat(view.getDouble("ratePerSecond")).isEqualTo(5.0);
        assertThat(view.getJsonObject("totals").getLong("pending")).isEqualTo(700);
        assertThat(view.getString("eta")).isEqualTo(clock.instant().plusSeconds(140).toString());

        clock.advance(Duration.ofMinutes(2));
        assertThat(new JsonObject(api.get("tax", "/v1/campaigns/" + id).body()).getValue("eta"))
                .as("nothing submitted in the last minute").isNull();
    }

    private JsonObject action(String id, String action) throws Exception {
        HttpResponse<String> r = api.post("tax", "/v1/campaigns/" + id + "/" + action, "application/json", "");
        assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }
}
