package vn.vneid.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Bounds a buffered request from its head to its answer by {@code http.requestTimeout}. When the time is up and
 * the body has not all arrived, the answer is 408 {@code request.timeout}, the route never runs and the
 * connection is closed soon after (a client trickling its body holds nothing for long); when the body is in but
 * the gateway has not answered, 503 {@code server.timeout} with Retry-After (what the handler does later is not
 * written: {@link JsonAnswer} and {@link FailureHandler} write nothing on an answered request). Not for the
 * streamed recipients upload, which is bounded by the idle timeout instead.
 */
public final class RequestTimeoutHandler implements Handler<RoutingContext> {
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private final long timeoutMillis;

    public RequestTimeoutHandler(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void handle(RoutingContext ctx) {
        long timer = ctx.vertx().setTimer(timeoutMillis, id -> expire(ctx));
        ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
        ctx.next();
    }

    /**
     * Fails the request with the timeout's problem, which {@link FailureHandler} writes. A failed request goes no
     * further: the body handler stops at the end of the body and the router runs only failure handlers.
     */
    private void expire(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed() || ctx.failed()) {
            return;
        }
        if (!ctx.request().isEnded()) {
            // The connection closes once the rest of the body is in, or a head deadline later (ConnectionGuard).
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            ctx.fail(ProblemException.of(408, "request.timeout",
                    "the request was not received completely within " + timeoutMillis + " ms"));
            return;
        }
        ctx.fail(ProblemException.of(503, "server.timeout",
                "the gateway did not answer within " + timeoutMillis + " ms; retry shortly").retryAfter(RETRY_AFTER));
    }
}
