package vn.vneid.gateway.notices.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import vn.vneid.gateway.notices.webhooks.WebhookSigner.Verification;

/**
 * A webhook receiver on 127.0.0.1 (ephemeral port) for tests: verifies every signature with the secret of the
 * path it was sent to, records what came, and answers with the status {@link #answer} chooses
 * ({@link #HANG}: no answer at all).
 */
final class WebhookSink implements AutoCloseable {
    static final int HANG = -1;
    /** One request as received. */
    record Received(String path, JsonObject event, Verification verification) {
    }

    private final HttpServer server;
    private final Map<String, String> secretsByPath;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> answeredOk = new ConcurrentHashMap<>();
    private volatile Function<Received, Integer> answer = r -> 200;

    private WebhookSink(Vertx vertx, Map<String, String> secretsByPath) {
        this.secretsByPath = secretsByPath;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
    }

    static WebhookSink start(Vertx vertx, Map<String, String> secretsByPath) throws Exception {
        WebhookSink sink = new WebhookSink(vertx, secretsByPath);
        sink.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        return sink;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    void answer(Function<Received, Integer> answer) {
        this.answer = answer;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Message ids of the events that got a 2xx answer, with how many times. */
    Map<String, Integer> delivered() {
        return Map.copyOf(answeredOk);
    }

    long requestsFor(String messageId) {
        return received.stream().filter(r -> r.event().getString("messageId").equals(messageId)).count();
    }

    private void handle(HttpServerRequest request) {
        String signature = request.getHeader(WebhookSigner.HEADER);
        String contentType = request.getHeader("Content-Type");
        request.body().onSuccess(body -> {
            String secret = secretsByPath.getOrDefault(request.path(), "no-secret-for-this-path");
            Verification verification = "application/json".equals(contentType)
                    ? WebhookSigner.verify(signature, body.toString(), secret, Instant.now(), Duration.ofMinutes(5))
                    : Verification.MALFORMED;
            Received r = new Received(request.path(), new JsonObject(body), verification);
            received.add(r);
            int status = answer.apply(r);
            if (status == HANG) {
                return;
            }
            if (status / 100 == 2) {
                answeredOk.merge(r.event().getString("messageId"), 1, Integer::sum);
            }
            request.response().setStatusCode(status).end();
        });
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
