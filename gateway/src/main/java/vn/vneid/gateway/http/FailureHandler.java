package vn.vneid.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.notices.NoticeException;
import vn.vneid.redis.StoreUnavailableException;
import vn.vneid.redis.RedisFailures;

/**
 * The one place that maps failures to HTTP (problems name the route template, never the raw path, which may
 * hold a phone number): domain problems as they are; a store (Redis) failure on any route, as Lettuce raises it
 * or as {@link StoreUnavailableException}, to 503 {@code store.unavailable} with Retry-After, logged through
 * the {@link StoreOutageLog} (one WARN per outage, not one per request); refusals of the notice pipeline
 * ({@link NoticeException}) by their kind; Vert.x-web's own status failures (404,
 * 405, 413) to problem documents; a client that went away to nothing at all; and anything else to a 500 that
 * carries an error id (logged with the stack trace) but never the stack trace itself. Members a handler left
 * under {@link Problems#MEMBERS} (an upload's counts so far) are added to whatever problem the request ends with.
 */
public final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);
    static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(2);
    private final StoreOutageLog outages;

    public FailureHandler(StoreOutageLog outages) {
        this.outages = outages;
    }

    /** With an outage log of its own (tests that mount a few handlers on a router of their own). */
    public FailureHandler() {
        this(new StoreOutageLog(Clock.systemUTC()));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            // Answered already (e.g. by the request timeout) or nobody is listening: nothing more to say.
            log.debug("late failure on {} ignored: {}", route(ctx), String.valueOf(ctx.failure()));
            return;
        }
        Throwable failure = unwrap(ctx.failure());
        if (failure instanceof HttpClosedException) {
            log.debug("client closed the connection during {}", route(ctx));
            return;
        }
        ProblemException problem = toProblem(ctx, failure);
        JsonObject members = ctx.get(Problems.MEMBERS);
        if (members != null) {
            for (String name : members.fieldNames()) {
                problem = problem.with(name, members.getValue(name));
            }
        }
        Problems.write(ctx.response(), problem, route(ctx));
    }

    private ProblemException toProblem(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ProblemException p) {
            return p;
        }
        if (failure instanceof NoticeException refused) {
            return refusal(refused);
        }
        if (failure == null) {
            return byStatus(ctx.statusCode());
        }
        if (RedisFailures.map(route(ctx), failure) instanceof StoreUnavailableException unavailable) {
            outages.refused(route(ctx), unavailable);
            return storeUnavailable();
        }
        String errorId = UUID.randomUUID().toString();
        log.error("unexpected failure {} on {} {}", errorId, ctx.request().method(), route(ctx), failure);
        return ProblemException.of(500, "internal", "unexpected error; quote errorId " + errorId + " to the operators")
                .with("errorId", errorId);
    }

    /** The HTTP answer to a refusal of the notice pipeline: its kind decides the status, everything else carries over. */
    static ProblemException refusal(NoticeException refused) {
        int status = switch (refused.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
        };
        ProblemException problem = ProblemException.of(status, refused.code(), refused.getMessage());
        if (refused.field() != null) {
            problem = problem.withField(refused.field());
        }
        for (var fact : refused.facts().entrySet()) {
            problem = problem.with(fact.getKey(), fact.getValue());
        }
        return problem;
    }

    /** 503 {@code store.unavailable} with Retry-After: the store did not answer; nothing was done, retry shortly. */
    public static ProblemException storeUnavailable() {
        return ProblemException.of(503, "store.unavailable", "the gateway's store is not reachable; retry shortly")
                .retryAfter(STORE_RETRY_AFTER);
    }

    /**
     * The route template ({@code /v1/optouts/:phone}), never the raw path: a path can hold a phone number, and
     * neither problem documents nor logs may carry one. Requests that matched no route show no path at all.
     */
    private static String route(RoutingContext ctx) {
        String route = ctx.get(vn.vneid.gateway.metrics.HttpMetricsHandler.ROUTE);
        return route == null ? "unmatched" : route;
    }

    static ProblemException byStatus(int status) {
        return switch (status) {
            case 404 -> ProblemException.of(404, "not_found", "no such resource");
            case 405 -> ProblemException.of(405, "method_not_allowed", "this resource does not take that method");
            case 413 -> ProblemException.of(413, "request.too_large", "the request body is larger than 16 KiB");
            case 415 -> ProblemException.of(415, "request.unsupported_media_type", "send Content-Type: application/json");
            case 400 -> ProblemException.of(400, "request.malformed", "the request could not be read");
            default -> ProblemException.of(status < 400 ? 500 : status, "http." + status, "request failed");
        };
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
