package vn.vneid.gateway.api.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.gateway.notices.campaigns.CampaignAction;
import vn.vneid.gateway.notices.campaigns.RedisStreamLanes;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.testing.RedisServerExtension;

/** Streamed NDJSON uploads over real HTTP into real Redis: counts, refusals by line, and backpressure. */
class RecipientUploadIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final Instant T0 = Instant.parse("2026-03-02T03:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private CampaignApi api;

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void oneHundredThousandLinesStreamedInChunksAreQueuedExactlyOnce() throws Exception {
        api = new CampaignApi(redis.url(), clock, UploadLimits.defaults());
        String id = api.create("tax", new JsonObject().put("validFor", "24h"));
        int lines = 100_000;
        // every 997th line has a phone that is not Vietnamese mobile; the rest are distinct valid recipients
        NdjsonBody body = new NdjsonBody(lines, n -> n % 997 == 0
                ? "{\"to\":\"0212345678\",\"vars\":{\"name\":\"x\"}}" : NdjsonBody.recipient(n), 7919);
        api.lanes.watchBody(body::ended);

        JsonObject r = api.stream("tax", id, body);

        assertThat(r.getInteger("status")).as(r.encode()).isEqualTo(200);
        JsonObject answer = r.getJsonObject("body");
        long invalid = lines / 997;
        long valid = lines - invalid;
        assertThat(answer.getLong("received")).isEqualTo(lines);
        assertThat(answer.getLong("invalid")).isEqualTo(invalid);
        assertThat(answer.getLong("queued")).isEqualTo(valid);
        assertThat(answer.getJsonArray("errors").getJsonObject(0).encode())
                .isEqualTo("{\"line\":997,\"field\":\"to\",\"reason\":\"to 021 is not a Vietnamese mobile prefix\"}");

        Set<String> expected = new HashSet<>();
        for (long n = 1; n <= lines; n++) {
            if (n % 997 != 0) {
                expected.add("84" + NdjsonBody.phone(n).substring(1));
            }
        }
        Set<String> seen = new HashSet<>();
        Set<String> messageIds = new HashSet<>();
        String stream = RedisStreamLanes.stream(Campaign.lane(id));
        String from = "-";
        while (true) {
            List<StreamMessage<String, String>> page = redis.commands().xrange(stream,
                    Range.create(from, "+"), Limit.from(10_000));
            for (StreamMessage<String, String> m : page) {
                if (m.getId().equals(from)) {
                    continue;
                }
                seen.add(m.getBody().get("to"));
                messageIds.add(m.getBody().get("messageId"));
                assertThat(m.getBody().get("validUntil")).isEqualTo(T0.plus(Duration.ofHours(24)).toString());
            }
            if (page.size() < 10_000) {
                break;
            }
            from = page.get(page.size() - 1).getId();
        }
        assertThat(redis.commands().xlen(stream)).isEqualTo(valid);
        assertThat(seen).isEqualTo(expected);
        assertThat(messageIds).hasSize((int) valid).allMatch(m -> m.matches("msg_[0-9a-f]{32}"));
        assertThat(api.lanes.batchesBeforeBodyEnded()).as("batches written while the body was still arriving")
                .isPositive();

        JsonObject totals = new JsonObject(api.get("tax", "/v1/campaigns/" + id).body()).getJsonObject("totals");
        assertThat(totals.getLong("received")).isEqualTo(lines);
        assertThat(totals.getLong("invalid")).isEqualTo(invalid);
        assertThat(totals.getLong("queued")).isEqualTo(valid);
    }

    @Test
    void refusedLinesAreReportedByNumberAndDoNotStopTheUpload() throws Exception {
        api = new CampaignApi(redis.url(), clock, UploadLimits.defaults());
        String id = api.create("tax", new JsonObject());
        String ndjson = String.join("\n",
                NdjsonBody.recipient(1),                                      // 1 ok
                "{\"to\":\"0912000002\",\"vars\":{\"name\":",                 // 2 broken JSON
                "{\"to\":\"12345\",\"vars\":{\"name\":\"B\"}}",              // 3 bad phone
                "{\"to\":\"0912000004\",\"vars\":{}}",                        // 4 missing variable
                "",                                                           // 5 blank: ignored
                "   ",                                                        // 6 blank: ignored
                "{\"to\":\"0912000007\",\"vars\":{\"name\":\"a rather long name that is split\"}}\r", // 7 ok, CRLF
                "[1,2]",                                                      // 8 not an object
                "{\"vars\":{\"name\":\"C\"}}",                               // 9 no phone
                "{\"to\":\"+84912000010\",\"vars\":{\"name\":\"D\"}}");      // 10 ok, no final newline
        byte[] bytes = ndjson.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = api.upload("tax", id, () -> new ChunkedStream(bytes, 5));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject answer = new JsonObject(r.body());
        assertThat(answer.getLong("received")).isEqualTo(8);
        assertThat(answer.getLong("queued")).isEqualTo(3);
        assertThat(answer.getLong("invalid")).isEqualTo(5);
        JsonArray errors = answer.getJsonArray("errors");
        assertThat(errors.stream().map(e -> ((JsonObject) e).getLong("line"))).containsExactly(2L, 3L, 4L, 8L, 9L);
        assertThat(errors.getJsonObject(0).getString("reason")).contains("JSON");
        assertThat(errors.getJsonObject(1).getString("field")).isEqualTo("to");
        assertThat(errors.getJsonObject(2).getString("field")).isEqualTo("vars.name");
        assertThat(errors.getJsonObject(3).containsKey("field")).isFalse();
        assertThat(errors.getJsonObject(4).getString("reason")).isEqualTo("to is required");
        List<StreamMessage<String, String>> queued = redis.commands()
                .xrange(RedisStreamLanes.stream(Campaign.lane(id)), Range.create("-", "+"));
        assertThat(queued).extracting(m -> m.getBody().get("to"))
                .containsExactlyInAnyOrder("84910000001", "84912000007", "84912000010");
        assertThat(queued).extracting(m -> m.getBody().get("text"))
                .contains("Xin chao a rather long name that is split");
    }

    @Test
    void theAnswerListsAtMostTheFirstThousandRefusals() throws Exception {
        api = new CampaignApi(redis.url(), clock, UploadLimits.defaults());
        String id = api.create("tax", new JsonObject());
        HttpResponse<String> r = api.upload("tax", id, () -> new NdjsonBody(1500, n -> "not json", 4096));
        JsonObject answer = new JsonObject(r.body());
        assertThat(answer.getLong("invalid")).isEqualTo(1500);
        assertThat(answer.getJsonArray("errors")).hasSize(1000);
        assertThat(answer.getBoolean("errorsTruncated")).isTrue();
    }

    @Test
    void aSlowLanePausesTheUploadInsteadOfBufferingIt() throws Exception {
        LongAdder pauses = new LongAdder();
        api = new CampaignApi(redis.url(), clock, new UploadLimits(500, 2, 16 * 1024, 1000, pauses));
        api.lanes.delayEachBatch(Duration.ofMillis(20));
        String id = api.create("tax", new JsonObject());
        NdjsonBody body = new NdjsonBody(20_000, NdjsonBody::recipient, 16 * 1024);
        api.lanes.watchBody(body::ended);

        HttpResponse<String> r = api.upload("tax", id, () -> body);

        assertThat(new JsonObject(r.body()).getLong("queued")).isEqualTo(20_000);
        assertThat(pauses.sum()).as("times the request was paused").isPositive();
        assertThat(api.upload.backpressurePauses()).isEqualTo(pauses.sum());
        assertThat(api.lanes.maxInFlight()).as("lane writes at once: the limit plus what one chunk holds")
                .isLessThanOrEqualTo(2 + 3);
        assertThat(api.lanes.batchesBeforeBodyEnded()).isPositive();
    }

    @Test
    void anUploadThatIsNotNdjsonIs415() throws Exception {
        api = new CampaignApi(redis.url(), clock, UploadLimits.defaults());
        String id = api.create("tax", new JsonObject());
        HttpResponse<String> r = api.post("tax", "/v1/campaigns/" + id + "/recipients", "application/json",
                NdjsonBody.recipient(1));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("request.unsupported_media_type");
    }

    @Test
    void uploadsAreTakenWhileRunningAndPausedButNotOnceCancelled() throws Exception {
        api = new CampaignApi(redis.url(), clock, UploadLimits.defaults());
        String id = api.create("tax", new JsonObject());
        assertThat(api.store.transition(id, CampaignAction.START).toCompletableFuture().join().applied()).isTrue();
        assertThat(api.upload("tax", id, () -> new NdjsonBody(10, NdjsonBody::recipient, 64)).statusCode()).isEqualTo(200);
        api.store.transition(id, CampaignAction.PAUSE).toCompletableFuture().join();
        assertThat(api.upload("tax", id, () -> new NdjsonBody(10, NdjsonBody::recipient, 64)).statusCode()).isEqualTo(200);
        api.store.transition(id, CampaignAction.CANCEL).toCompletableFuture().join();

        HttpResponse<String> r = api.upload("tax", id, () -> new NdjsonBody(5000, NdjsonBody::recipient, 1024));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("campaign.closed");
        assertThat(new JsonObject(r.body()).getString("state")).isEqualTo("CANCELLED");
    }

    @Test
    void aLineLongerThanTheLimitStopsTheUploadWith413() throws Exception {
        api = new CampaignApi(redis.url(), clock, new UploadLimits(1000, 4, 256, 1000, new LongAdder()));
        String id = api.create("tax", new JsonObject());
        String longLine = "{\"to\":\"0912000001\",\"vars\":{\"name\":\"" + "x".repeat(1000) + "\"}}";
        HttpResponse<String> r = api.upload("tax", id, () -> new NdjsonBody(3, n -> n == 2 ? longLine : NdjsonBody.recipient(n), 100));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(new JsonObject(r.body()).getString("detail")).contains("line 2");
    }

    /** Hands out a fixed body a few bytes per read. */
    private static final class ChunkedStream extends ByteArrayInputStream {
        private final int chunk;

        ChunkedStream(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
