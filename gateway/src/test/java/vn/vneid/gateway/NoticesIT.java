package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.config.NoticesConfig;
import vn.vneid.gateway.notices.dispatch.DispatchConfig;
import vn.vneid.gateway.notices.webhooks.WebhookConfig;
import vn.vneid.gateway.notices.webhooks.WebhookSigner;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.simulator.ReceivedSms;

/** Notices through the HTTP API on real parts: lanes, dispatcher, carrier, receipts, opt-outs and signed webhooks. */
class NoticesIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static final String HOOK_SECRET = "webhook-secret-for-tests-0123456789abc";
    static GatewayHarness gw;
    static Vertx vertx;
    static io.vertx.core.http.HttpServer sink;
    static final List<JsonObject> hooks = new CopyOnWriteArrayList<>();
    static final List<String> badSignatures = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        sink = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            var verdict = WebhookSigner.verify(req.getHeader("X-VNeID-Signature"), body.toString(), HOOK_SECRET,
                    gw.clock.instant(), Duration.ofMinutes(5));
            if (verdict == WebhookSigner.Verification.VALID) {
                hooks.add(body.toJsonObject());
            } else {
                badSignatures.add(String.valueOf(verdict));
            }
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebhookConfig webhooks = WebhookConfig.fromYaml(Map.of("secret", HOOK_SECRET, "allowedHosts", List.of("127.0.0.1"),
                "pollInterval", "20ms", "backoff", Map.of("initial", "50ms", "max", "1s")));
        NoticesConfig notices = new NoticesConfig(List.of(), DispatchConfig.defaults(), Optional.of(webhooks));
        gw = GatewayHarness.start(redis.url(), OtpPolicies.defaults(), notices);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTransactionalNoticeIsDeliveredWithItsWholeTimeline() throws Exception {
        HttpResponse<String> sent = send(new JsonObject().put("to", "0912000101").put("category", "TRANSACTIONAL")
                .put("text", "VNeID: Ho so dang ky thuong tru cua ban da duoc duyet."));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String messageId = json(sent).getString("messageId");
        assertThat(json(sent).getString("status")).isEqualTo("queued");
        GatewayHarness.awaitTrue(() -> "delivered".equals(status(messageId).getString("status")), Duration.ofSeconds(15));
        assertThat(status(messageId).getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")))
                .containsExactly("accepted", "queued", "submitted", "delivered");
        assertThat(gw.smsc.messagesTo("84912000101")).singleElement()
                .satisfies(sms -> assertThat(sms.text()).isEqualTo("VNeID: Ho so dang ky thuong tru cua ban da duoc duyet."));
    }

    @Test
    void aTemplateIsRenderedAndUnaccentedToOneGsm7Segment() throws Exception {
        HttpResponse<String> sent = send(new JsonObject().put("to", "0912000102").put("category", "TRANSACTIONAL")
                .put("template", "CCCD_EXPIRY").put("locale", "vi").put("unaccent", true)
                .put("vars", new JsonObject().put("name", "Nguyễn Văn An").put("expiryDate", "2027-03-15")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        GatewayHarness.awaitTrue(() -> gw.smsc.messagesTo("84912000102").size() == 1, Duration.ofSeconds(15));
        ReceivedSms sms = gw.smsc.messagesTo("84912000102").get(0);
        assertThat(sms.encoding()).isEqualTo("gsm7");
        assertThat(sms.segments()).isEqualTo(1);
        assertThat(sms.text()).contains("Nguyen Van An").contains("15/03/2027");

        HttpResponse<String> missing = send(new JsonObject().put("to", "0912000103").put("category", "TRANSACTIONAL")
                .put("template", "CCCD_EXPIRY").put("vars", new JsonObject().put("name", "An")));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).getString("code")).isEqualTo("template.missing_variable");
        assertThat(json(missing).getString("field")).isEqualTo("vars.expiryDate");
    }

    @Test
    void anIdempotentReplayCreatesNothingNew() throws Exception {
        JsonObject body = new JsonObject().put("to", "0912000104").put("category", "TRANSACTIONAL").put("text", "Thong bao 104");
        HttpResponse<String> first = gw.post("/v1/messages", GatewayHarness.OPS_KEY, body.encode(), "Idempotency-Key", "n-104");
        HttpResponse<String> again = gw.post("/v1/messages", GatewayHarness.OPS_KEY, body.encode(), "Idempotency-Key", "n-104");
        assertThat(json(again).getString("messageId")).isEqualTo(json(first).getString("messageId"));
        GatewayHarness.awaitTrue(() -> "delivered".equals(status(json(first).getString("messageId")).getString("status")),
                Duration.ofSeconds(15));
        assertThat(gw.smsc.messagesTo("84912000104")).hasSize(1);
    }

    @Test
    void aBulkNoticeToAnOptedOutNumberIsNotSentButATransactionalOneIs() throws Exception {
        assertThat(gw.put("/v1/optouts/0912000105", GatewayHarness.OPS_KEY, "{\"categories\":[\"BULK\"]}").statusCode())
                .isEqualTo(200);
        String bulk = json(send(new JsonObject().put("to", "0912000105").put("category", "BULK")
                .put("template", "SCAM_WARNING"))).getString("messageId");
        String tx = json(send(new JsonObject().put("to", "0912000105").put("category", "TRANSACTIONAL")
                .put("text", "Ket qua dang ky khai sinh: da duyet."))).getString("messageId");
        GatewayHarness.awaitTrue(() -> "opted_out".equals(status(bulk).getString("status"))
                && "delivered".equals(status(tx).getString("status")), Duration.ofSeconds(15));
        assertThat(gw.smsc.messagesTo("84912000105")).singleElement()
                .satisfies(sms -> assertThat(sms.text()).startsWith("Ket qua"));
    }

    @Test
    void everyStatusIsPostedSignedToTheCallback() throws Exception {
        String url = "http://127.0.0.1:" + sink.actualPort() + "/hooks";
        String messageId = json(send(new JsonObject().put("to", "0912000106").put("category", "TRANSACTIONAL")
                .put("text", "Thong bao 106").put("callbackUrl", url))).getString("messageId");
        GatewayHarness.awaitTrue(() -> hooks.stream().anyMatch(h -> messageId.equals(h.getString("messageId"))
                && "delivered".equals(h.getString("status"))), Duration.ofSeconds(20));
        assertThat(hooks.stream().filter(h -> messageId.equals(h.getString("messageId"))).map(h -> h.getString("status")))
                .contains("queued", "submitted", "delivered");
        assertThat(badSignatures).isEmpty();
    }

    private static HttpResponse<String> send(JsonObject body) throws Exception {
        return gw.post("/v1/messages", GatewayHarness.OPS_KEY, body.encode());
    }

    private static JsonObject status(String messageId) {
        try {
            return json(gw.get("/v1/messages/" + messageId, GatewayHarness.OPS_KEY));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
