package vn.vneid.gateway.notices.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.notices.StatusListener.StatusEvent;
import vn.vneid.gateway.notices.webhooks.WebhookConfig.Backoff;
import vn.vneid.gateway.notices.webhooks.WebhookConfig.ClientHooks;
import vn.vneid.gateway.notices.webhooks.WebhookSigner.Verification;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.testing.RedisServerExtension;

/** Webhooks end to end: publisher → Redis stream → dispatcher → a real HTTP receiver on loopback, on a real Redis. */
@ExtendWith(VertxExtension.class)
class WebhookDeliveryIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final String DEFAULT_SECRET = "whsec-default-0123456789abcdefghijkl";
    private static final String REGISTRY_SECRET = "whsec-registry-0123456789abcdefghijk";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Vertx vertx;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private PrometheusMeterRegistry registry;
    private WebhookMetrics metrics;
    private WebhookSink sink;
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        client = RedisClient.create(redis.url());
        connection = client.connect();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new WebhookMetrics(registry);
        sink = WebhookSink.start(vertx, Map.of("/registry", REGISTRY_SECRET, "/own", DEFAULT_SECRET));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (WebhookDispatcher d : dispatchers) {
            join(d.close());
        }
        sink.close();
        connection.close();
        client.shutdown();
    }

    @Test
    void everyEventReachesItsUrlSignedWithTheRightSecret() throws Exception {
        WebhookConfig config = fastConfig().withClient("registry", ClientHooks.of(sink.url("/registry"), REGISTRY_SECRET));
        WebhookPublisher publisher = new WebhookPublisher(connection.async(), config, metrics);
        int n = 20;
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                publisher.onStatus(event("msg_reg_" + i, "registry", "delivered", Optional.empty(), Optional.of("cmp_1")));
            } else {
                publisher.onStatus(new StatusEvent("msg_own_" + i, "other", "failed", Instant.now(), Optional.of("UNDELIV"),
                        Optional.of(sink.url("/own")), Optional.empty()));
            }
        }
        publisher.onStatus(event("msg_silent", "silent", "delivered", Optional.empty(), Optional.empty()));
        Eventually.await("all queued", WAIT, () -> redis.commands().xlen(WebhookStreams.STREAM) == n);

        start(config, "a");
        Eventually.await("all delivered", WAIT, () -> sink.delivered().size() == n);

        assertThat(sink.received()).allSatisfy(r -> assertThat(r.verification()).as(r.toString()).isEqualTo(Verification.VALID));
        assertThat(sink.received()).noneMatch(r -> r.event().getString("messageId").equals("msg_silent"));
        JsonObject viaDefault = find("msg_reg_0");
        assertThat(viaDefault.fieldNames()).containsExactlyInAnyOrder("eventId", "messageId", "status", "at", "campaignId");
        assertThat(viaDefault.getString("campaignId")).isEqualTo("cmp_1");
        assertThat(viaDefault.getString("eventId")).startsWith("evt_");
        JsonObject own = find("msg_own_1");
        assertThat(own.getString("status")).isEqualTo("failed");
        assertThat(own.getString("reason")).isEqualTo("UNDELIV");
        assertThat(sink.received()).filteredOn(r -> r.path().equals("/own")).hasSize(n / 2);
        Eventually.await("stream emptied and acknowledged", WAIT, () -> redis.commands().xlen(WebhookStreams.STREAM) == 0
                && redis.commands().xpending(WebhookStreams.STREAM, WebhookStreams.GROUP).getCount() == 0);
        assertThat(counter("delivered")).isEqualTo(n);
    }

    @Test
    void aReceiverAnswering500TwiceGetsTheEventOnTheThirdTry() throws Exception {
        WebhookConfig config = fastConfig();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        sink.answer(r -> seen.merge(r.event().getString("eventId"), 1, Integer::sum) <= 2 ? 500 : 200);
        WebhookPublisher publisher = new WebhookPublisher(connection.async(), config, metrics);
        start(config, "a");

        publisher.onStatus(event("msg_retry", "other", "delivered", Optional.of(sink.url("/own")), Optional.empty()));

        Eventually.await("delivered", WAIT, () -> sink.delivered().containsKey("msg_retry"));
        assertThat(sink.requestsFor("msg_retry")).isEqualTo(3);
        assertThat(sink.received()).extracting(r -> r.event().getString("eventId")).containsOnly(find("msg_retry").getString("eventId"));
        assertThat(counter("retry")).isEqualTo(2);
        assertThat(counter("delivered")).isEqualTo(1);
        Eventually.await("settled", WAIT, () -> redis.commands().xlen(WebhookStreams.STREAM) == 0);
        assertThat(redis.commands().zcard(WebhookStreams.RETRY)).isZero();
        assertThat(redis.commands().xlen(WebhookStreams.DEAD)).isZero();
    }

    @Test
    void aReceiverThatAlwaysFailsEndsInTheDeadLetters() throws Exception {
        WebhookConfig config = fastConfig().withRetries(3, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        sink.answer(r -> 503);
        WebhookPublisher publisher = new WebhookPublisher(connection.async(), config, metrics);
        start(config, "a");

        publisher.onStatus(event("msg_dead", "other", "expired", Optional.of(sink.url("/own")), Optional.empty()));

        Eventually.await("dead-lettered", WAIT, () -> redis.commands().xlen(WebhookStreams.DEAD) == 1);
        StreamMessage<String, String> dead = redis.commands().xrange(WebhookStreams.DEAD, io.lettuce.core.Range.create("-", "+")).get(0);
        assertThat(dead.getBody().get("reason")).isEqualTo("HTTP 503");
        WebhookJob job = WebhookJob.fromJson(dead.getBody().get("job"));
        assertThat(job.failedTries()).isEqualTo(3);
        assertThat(new JsonObject(job.body()).getString("messageId")).isEqualTo("msg_dead");
        assertThat(sink.requestsFor("msg_dead")).isEqualTo(3);
        assertThat(scrape()).contains("webhook_deliveries_total{result=\"failed\"} 1.0")
                .contains("webhook_deliveries_total{result=\"retry\"} 2.0")
                .contains("webhook_deliveries_total{result=\"delivered\"} 0.0");
        Eventually.await("nothing left to do", WAIT, () -> redis.commands().xlen(WebhookStreams.STREAM) == 0
                && redis.commands().zcard(WebhookStreams.RETRY) == 0);
    }

    @Test
    void aConnectionErrorIsRetriedLikeAnErrorAnswer() throws Exception {
        WebhookSink gone = WebhookSink.start(vertx, Map.of());
        String closedPortUrl = gone.url("/own");
        gone.close();
        WebhookConfig config = fastConfig().withRetries(2, new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)));
        WebhookPublisher publisher = new WebhookPublisher(connection.async(), config, metrics);
        start(config, "a");

        publisher.onStatus(event("msg_refused", "other", "delivered", Optional.of(closedPortUrl), Optional.empty()));

        Eventually.await("dead-lettered", WAIT, () -> redis.commands().xlen(WebhookStreams.DEAD) == 1);
        StreamMessage<String, String> dead = redis.commands().xrange(WebhookStreams.DEAD, io.lettuce.core.Range.create("-", "+")).get(0);
        assertThat(dead.getBody().get("reason")).isEqualTo("connection refused");
        assertThat(counter("retry")).isEqualTo(1);
        assertThat(counter("failed")).isEqualTo(1);
    }

    @Test
    void aDisallowedHostIsDroppedAndCounted() throws Exception {
        WebhookConfig config = fastConfig();
        WebhookPublisher publisher = new WebhookPublisher(connection.async(), config, metrics);

        for (String url : List.of("http://169.254.169.254/latest/meta-data", sink.url("/own").replace("127.0.0.1", "localhost"),
                "ftp://127.0.0.1/x", "http://hooks.example.vn/x")) {
            publisher.onStatus(event("msg_bad", "other", "delivered", Optional.of(url), Optional.empty()));
        }
        publisher.onStatus(event("msg_good", "other", "delivered", Optional.of(sink.url("/own")), Optional.empty()));

        Eventually.await("the allowed one queued", WAIT, () -> redis.commands().xlen(WebhookStreams.STREAM) == 1);
        assertThat(scrape()).contains("webhook_dropped_total{reason=\"url_not_allowed\"} 4.0");
    }

    @Test
    void whenRedisIsDownTheEventIsDroppedAndCountedWithoutBlockingTheCaller() throws Exception {
        WebhookConfig config = fastConfig();
        try (RedisConnections down = RedisConnections.open(redis.url(), Duration.ofMillis(500))) {
            WebhookPublisher publisher = new WebhookPublisher(down.async(), config, metrics);
            redis.server().stop();

            publisher.onStatus(event("msg_lost", "other", "delivered", Optional.of(sink.url("/own")), Optional.empty()));

            Eventually.await("counted", WAIT, () -> registry.get(WebhookMetrics.DROPPED)
                    .tag("reason", WebhookMetrics.DROPPED_ENQUEUE_FAILED).counter().count() == 1);
        }
    }

    @Test
    void entriesLeftUnacknowledgedByAClosedDispatcherAreDeliveredByTheNextOne() throws Exception {
        WebhookConfig config = fastConfig().withTimings(Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofMillis(20));
        sink.answer(r -> WebhookSink.HANG);
        WebhookPublisher publisher = new WebhookPublisher(connection.async(), config, metrics);
        WebhookDispatcher first = start(config, "first");
        int n = 5;
        for (int i = 0; i < n; i++) {
            publisher.onStatus(event("msg_crash_" + i, "other", "delivered", Optional.of(sink.url("/own")), Optional.empty()));
        }
        Eventually.await("the first dispatcher sent all", WAIT, () -> sink.received().size() == n);
        join(first.close());
        assertThat(redis.commands().xpending(WebhookStreams.STREAM, WebhookStreams.GROUP).getCount()).isEqualTo(n);

        sink.answer(r -> 200);
        start(config, "second");

        Eventually.await("all delivered by the second", WAIT, () -> sink.delivered().size() == n);
        Eventually.await("nothing pending", WAIT, () -> redis.commands().xpending(WebhookStreams.STREAM, WebhookStreams.GROUP).getCount() == 0
                && redis.commands().xlen(WebhookStreams.STREAM) == 0);
        assertThat(sink.received()).allSatisfy(r -> assertThat(r.verification()).isEqualTo(Verification.VALID));
        assertThat(counter("retry")).as("the closed dispatcher's cancelled requests are not failures").isZero();
    }

    private WebhookConfig fastConfig() {
        return WebhookConfig.defaults(DEFAULT_SECRET)
                .withAllowedHosts("127.0.0.1")
                .withRetries(5, new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)))
                .withTimings(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMillis(20));
    }

    private WebhookDispatcher start(WebhookConfig config, String consumer) throws Exception {
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, connection.async(), config, metrics, Clock.systemUTC(), consumer);
        dispatchers.add(dispatcher);
        join(dispatcher.start());
        return dispatcher;
    }

    private static StatusEvent event(String messageId, String client, String status, Optional<String> url, Optional<String> campaign) {
        return new StatusEvent(messageId, client, status, Instant.parse("2026-03-01T08:00:00Z"), Optional.empty(), url, campaign);
    }

    private JsonObject find(String messageId) {
        return sink.received().stream().map(WebhookSink.Received::event)
                .filter(e -> e.getString("messageId").equals(messageId)).findFirst().orElseThrow();
    }

    private double counter(String result) {
        return registry.get(WebhookMetrics.DELIVERIES).tag("result", result).counter().count();
    }

    private String scrape() {
        return registry.scrape();
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
