package vn.vneid.gateway.admission;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import vn.vneid.gateway.http.ProblemException;

/**
 * Answers a request that is refused before its body was read. A small body (a declared length up to
 * {@link #KEEP_ALIVE_BODY_BYTES}) is drained unread and the connection stays open for the client's next request;
 * a larger or chunked body (a recipient upload) is not worth reading, so the answer says
 * {@code Connection: close} and the connection is closed {@link #LINGER} after the answer, without waiting for
 * the rest of a body the client may still be sending.
 */
final class Refusals {
    static final long KEEP_ALIVE_BODY_BYTES = 16 * 1024;
    /**
     * How long a refused upload's connection stays open after the answer, still draining: closing with unread
     * bytes in the socket sends a reset, which can destroy the answer before the client read it (RFC 9112
     * section 9.6). A client that reads the answer stops sending and closes first.
     */
    static final Duration LINGER = Duration.ofSeconds(1);

    private Refusals() {
    }

    static void refuse(RoutingContext ctx, ProblemException problem) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            if (declaredLength(request) > KEEP_ALIVE_BODY_BYTES) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                if (request.version() != HttpVersion.HTTP_2) { // HTTP/2 ends the stream, not the connection
                    HttpConnection connection = request.connection();
                    ctx.addEndHandler(answered -> ctx.vertx().setTimer(LINGER.toMillis(), id -> connection.close()));
                }
            }
            request.handler(chunk -> { });
            request.resume();
        }
        ctx.fail(problem);
    }

    /** The Content-Length, or {@code Long.MAX_VALUE} when the body is chunked or the header unreadable. */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null ? 0 : Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
