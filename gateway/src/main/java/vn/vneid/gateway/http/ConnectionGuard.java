package vn.vneid.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps one HTTP server's connections from being held by clients that send no useful request. Per connection:
 * <ul>
 *   <li><b>cap</b>: past {@code http.maxConnections} on this instance ({@link OpenConnections}) a connection is
 *       closed as it is accepted, before anything is read from it;</li>
 *   <li><b>head deadline</b>: it must deliver a complete request head within {@code http.headerTimeout} of
 *       connecting or of its previous answer, else it is closed (and counted). Unlike the idle timeout this holds
 *       against a client that trickles a byte every few seconds;</li>
 *   <li><b>close after answer</b>: an answer that says {@code Connection: close} closes the connection once the
 *       request is read, or at most {@code http.headerTimeout} after the answer (Vert.x itself would keep it);</li>
 *   <li><b>framing</b> (RFC 9112 §6.3): a request with {@code Transfer-Encoding} is answered and its connection
 *       then closed, because Netty drops the {@code Content-Length} of a request that carries both before the
 *       gateway sees it, so a smuggling attempt cannot be told from a plain chunked body (rare on this API: only
 *       streamed uploads, for which one reconnect costs nothing); one whose last coding is not {@code chunked}
 *       cannot be framed at all and is answered 400 {@code request.malformed} at once.</li>
 * </ul>
 * A sweep every quarter of the deadline (at most a second) closes late connections. Not thread-safe: confined to
 * the event loop of the verticle that owns the server (Vert.x runs a server's connections on its context).
 */
public final class ConnectionGuard {
    private static final long NONE = Long.MIN_VALUE;
    private final OpenConnections connections;
    private final long deadlineNanos;
    private final Map<HttpConnection, State> states = new IdentityHashMap<>();

    public ConnectionGuard(OpenConnections connections, Duration headerTimeout) {
        this.connections = connections;
        this.deadlineNanos = headerTimeout.toNanos();
    }

    /** Starts the sweep on the calling context (the verticle's); Vert.x cancels it when the verticle stops. */
    public void start(Vertx vertx) {
        long every = Math.max(50, Math.min(1000, Duration.ofNanos(deadlineNanos).toMillis() / 4));
        vertx.setPeriodic(every, id -> sweep(System.nanoTime()));
    }

    /** The server's connection handler: admits the connection or closes it at once. */
    public void onConnection(HttpConnection conn) {
        if (!connections.tryOpen()) {
            conn.close();
            return;
        }
        states.put(conn, new State(System.nanoTime()));
        conn.closeHandler(v -> {
            if (states.remove(conn) != null) {
                connections.closed();
            }
        });
    }

    /** Wraps the server's request handler: the head has arrived; framing is checked before {@code next} sees it. */
    public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
        return request -> {
            State state = states.get(request.connection());
            if (state != null) {
                state.awaitingHeadSince = NONE;
                state.current = request;
                state.answer = request.response();
            }
            List<String> encodings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
            if (!encodings.isEmpty()) {
                request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                if (!endsWithChunked(String.join(",", encodings))) {
                    Problems.write(request.response(), ProblemException.of(400, "request.malformed",
                            "Transfer-Encoding must end with chunked; the body cannot be framed"), null);
                    request.connection().close();
                    return;
                }
            }
            next.handle(request);
        };
    }

    /** A router handler, first on every route: when the answer is complete, the connection waits for its next head. */
    public Handler<RoutingContext> answers() {
        return ctx -> {
            HttpServerRequest request = ctx.request();
            ctx.addEndHandler(v -> answered(request));
            ctx.next();
        };
    }

    private void answered(HttpServerRequest request) {
        State state = states.get(request.connection());
        // By the response: vert.x-web wraps the request, but the response is the server's own.
        if (state == null || state.answer != request.response()) {
            return;
        }
        long now = System.nanoTime();
        String connection = request.response().headers().get(HttpHeaders.CONNECTION);
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
            state.closeBy = now + deadlineNanos;
            if (request.isEnded()) {
                request.connection().close();
            }
            return;
        }
        state.current = null;
        state.answer = null;
        state.awaitingHeadSince = now;
    }

    private void sweep(long now) {
        List<HttpConnection> late = new ArrayList<>();
        for (Map.Entry<HttpConnection, State> e : states.entrySet()) {
            State s = e.getValue();
            if (s.awaitingHeadSince != NONE && now - s.awaitingHeadSince > deadlineNanos) {
                connections.headerTimedOut();
                late.add(e.getKey());
            } else if (s.closeBy != NONE && (now - s.closeBy > 0 || s.current == null || s.current.isEnded())) {
                late.add(e.getKey());
            }
        }
        for (HttpConnection conn : late) {
            State s = states.get(conn);
            s.awaitingHeadSince = NONE;
            s.closeBy = NONE;
            conn.close();
        }
    }

    private static boolean endsWithChunked(String transferEncoding) {
        String[] codings = transferEncoding.split(",");
        return codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
    }

    /** Where a connection is: waiting for a head (since when), serving {@code current}, or closing by {@code closeBy}. */
    private static final class State {
        long awaitingHeadSince;
        long closeBy = NONE;
        HttpServerRequest current;
        HttpServerResponse answer;

        State(long connectedAt) {
            this.awaitingHeadSince = connectedAt;
        }
    }
}
