package vn.vneid.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * JSON {@code POST}s to the gateway (or {@code GET}s, for a closed-loop run against Kannel) over a bounded pool of keep-alive HTTP/1.1 connections (Vert.x core's client, which
 * the gateway module already brings: event-loop based, so sending never blocks the scheduling thread).
 * Requests beyond the pool wait in the client's queue, and that wait counts as latency. Response bodies are
 * discarded unread, except the problem document of a 429 or 503 that {@link #exchange} reads for its code: nothing
 * of a request or answer is ever logged.
 */
final class GatewayClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
    /** Below the gateway's default {@code http.headerTimeout}, which closes a connection idle that long. */
    private static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long a refusal's problem document may take after its head (see {@link #exchange}). */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final HttpClientAgent http;
    private final URI base;
    private final String apiKey;

    GatewayClient(URI base, String apiKey, int connections) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.min(2, availableCores())));
        // Idle pooled connections are closed before the gateway's http.headerTimeout (10 s) would close them: a
        // request sent on a connection the server is closing at that instant fails (the keep-alive race).
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                        .setKeepAliveTimeout((int) KEEP_ALIVE_TIMEOUT.toSeconds()),
                new PoolOptions().setHttp1MaxSize(connections));
        this.base = base;
        this.apiKey = apiKey;
    }

    /** What a run posts to {@code path}: the options are built once and shared by every request. */
    RequestOptions post(String path) {
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(path)
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setIdleTimeout(IDLE_TIMEOUT.toMillis())
                .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    }

    /**
     * A {@code GET} of {@code uri} (path and query) on the same host, without credentials: for a closed-loop run
     * against another system's HTTP interface (Kannel's {@code sendsms} takes its credentials in the query).
     */
    RequestOptions get(String uri) {
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(uri)
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setIdleTimeout(IDLE_TIMEOUT.toMillis());
    }

    /**
     * Sends one request (with no body when {@code json} is null); the future completes with the HTTP status when the response's head arrives
     * (the few bytes of a 202's body come in the same segment on loopback; unread chunks are discarded).
     *
     * <p>Waiting for {@code body()} or {@code end()} instead is racy in Vert.x 5.0: the continuation runs on the
     * request's context, which can be a task queued behind the event loop that read the head <em>and</em> the
     * last chunk in one go; by then the response has ended, and {@code body()} returns a future that never
     * completes ({@code end()} throws {@code IllegalStateException}). Those were the generator's "unanswered"
     * requests (1–5 in 20 000 at 1,000/s against the gateway, 2 % at 4,000/s against a trivial server), all
     * of them answered by the server.
     */
    Future<Integer> send(RequestOptions request, String json) {
        return response(request, json).map(HttpClientResponse::statusCode);
    }

    /**
     * Sends one request and completes with its {@link Answer}: status, {@code Retry-After}, and for a 429 or 503 the
     * problem code from its body (success answers are not read, as in {@link #send}).
     *
     * <p>Reading the body exposes the Vert.x 5.0 race described at {@link #send} (fixed upstream after 5.0.10,
     * eclipse-vertx/vert.x#6038): a lost body would leave the future pending for ever. It is therefore bounded by
     * {@link #BODY_TIMEOUT}, after which the answer has no code, which counts a 503 as an error (named
     * "503 (no code)" in the summary), never as shed. 70,000 problem answers at 2,000–5,000/s against a trivial
     * server lost none.
     */
    Future<Answer> exchange(RequestOptions request, String json) {
        return response(request, json).compose(response -> {
            int status = response.statusCode();
            String retryAfter = response.getHeader(HttpHeaders.RETRY_AFTER);
            if (!Answer.carriesRefusal(status)) {
                return Future.succeededFuture(new Answer(status, retryAfter, null));
            }
            return response.body().timeout(BODY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .map(body -> new Answer(status, retryAfter, Answer.problemCode(body.toString())))
                    .otherwise(new Answer(status, retryAfter, null));
        });
    }

    private Future<HttpClientResponse> response(RequestOptions request, String json) {
        if (json == null) {
            return http.request(request).compose(req -> req.send());
        }
        Buffer body = Buffer.buffer(json);
        return http.request(request).compose(req -> req.send(body));
    }

    /** Closes connections and event loops, waiting at most a few seconds. */
    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static int availableCores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
