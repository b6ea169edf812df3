package vn.vneid.gateway.admission;

import com.netflix.concurrency.limits.Limiter.Listener;
import io.lettuce.core.RedisCommandTimeoutException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import vn.vneid.gateway.http.ProblemException;

/**
 * First on a route after authentication: takes a slot of the route's {@link RequestClass} or answers 503
 * {@code overloaded} with Retry-After at once, before the body is read and before Redis is touched. The slot
 * is given back when the exchange ends, with what the limit algorithm should learn from it:
 * <ul>
 *   <li>an answer below 500 is a latency sample, from admission to the end of the answer (a long-running
 *       route, the recipient upload, is not sampled: its duration is the size of the upload);</li>
 *   <li>a 503 or 504 caused by a timeout (Redis did not answer in time, or the request timed out) and a
 *       connection closed before the answer (the client gave up) are drops, a congestion signal;</li>
 *   <li>any other 5xx (Redis refused the connection, no SMSC bound, a lane full, a bug) is ignored: it says
 *       nothing about this instance's capacity, and shrinking the limit would turn a precise answer such as
 *       {@code store.unavailable} into {@code overloaded}.</li>
 * </ul>
 */
final class AdmissionHandler implements Handler<RoutingContext> {
    /** Where the admitted request's class is left, for {@link Admission#byCategory}. */
    static final String ADMITTED = "admission.class";
    private final PriorityLimiter limiter;
    private final RequestClass requestClass;
    private final boolean sampled;
    private final AdmissionMetrics metrics;
    private final ProblemException overloaded;

    AdmissionHandler(PriorityLimiter limiter, RequestClass requestClass, boolean sampled, AdmissionMetrics metrics,
                     ProblemException overloaded) {
        this.limiter = limiter;
        this.requestClass = requestClass;
        this.sampled = sampled;
        this.metrics = metrics;
        this.overloaded = overloaded;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<Listener> slot = limiter.acquire(requestClass);
        if (slot.isEmpty()) {
            metrics.rejected(requestClass);
            Refusals.refuse(ctx, overloaded);
            return;
        }
        Listener listener = slot.get();
        ctx.put(ADMITTED, requestClass);
        ctx.addEndHandler(ended -> report(listener, ctx, ended));
        ctx.next();
    }

    private void report(Listener listener, RoutingContext ctx, AsyncResult<Void> ended) {
        if (ended.failed()) {
            listener.onDropped();
            return;
        }
        int status = ctx.response().getStatusCode();
        if (status < 500) {
            if (sampled) {
                listener.onSuccess();
            } else {
                listener.onIgnore();
            }
        } else if ((status == 503 || status == 504) && timedOut(ctx.failure())) {
            listener.onDropped();
        } else {
            listener.onIgnore();
        }
    }

    /** A timeout anywhere in the cause chain; a status-only failure (a timeout handler's) counts as one too. */
    static boolean timedOut(Throwable failure) {
        if (failure == null) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof RedisCommandTimeoutException
                    || t instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
