package vn.vneid.gateway.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import vn.vneid.gateway.config.HttpLimits;
import vn.vneid.gateway.metrics.GatewayMetrics;

/**
 * The server's handler for requests that could not be decoded (they never reach the router): a request line
 * over {@code http.maxRequestLineBytes} is answered 414 {@code request.line_too_long}, a header section over
 * {@code http.maxHeaderBytes} 431 {@code request.headers_too_large}, anything else that is not HTTP/1.1 400
 * {@code request.malformed}, each as a problem document; then the connection is closed, since the rest of its
 * bytes cannot be trusted to start a request. Counted under route {@code invalid}.
 */
public final class InvalidRequestHandler implements Handler<HttpServerRequest> {
    static final String ROUTE = "invalid";
    private final HttpLimits limits;
    private final GatewayMetrics metrics;

    public InvalidRequestHandler(HttpLimits limits, GatewayMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        ProblemException problem = problem(request.decoderResult().cause());
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        Problems.write(request.response(), problem, null);
        metrics.httpRequest(request.method().name(), ROUTE, problem.status(), System.nanoTime() - start);
        request.connection().close();
    }

    private ProblemException problem(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ProblemException.of(414, "request.line_too_long",
                    "the request line is longer than " + limits.maxRequestLineBytes() + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ProblemException.of(431, "request.headers_too_large",
                    "the request headers are larger than " + limits.maxHeaderBytes() + " bytes");
        }
        return ProblemException.of(400, "request.malformed", "the request is not well-formed HTTP/1.1");
    }
}
