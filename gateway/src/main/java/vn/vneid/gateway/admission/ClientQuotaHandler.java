package vn.vneid.gateway.admission;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.auth.ClientRate;
import vn.vneid.gateway.http.ProblemException;

/**
 * After admission: a client with a {@link ClientRate} takes one token from its shared bucket or gets 429
 * {@code client.rate_limited} with Retry-After (when its next token comes); clients without a rate pass
 * without a Redis call. The request is paused during the check, so its body waits unread in the socket.
 *
 * <p>When Redis does not answer the check, the request goes on unchecked (fail open, counted, and one WARN a
 * minute at most): a quota protects the gateway from one client, not the citizens from the gateway, and a
 * route that itself needs Redis answers 503 {@code store.unavailable} anyway.
 */
final class ClientQuotaHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(ClientQuotaHandler.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private final ClientQuotas quotas;
    private final AdmissionMetrics metrics;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ClientQuotaHandler(ClientQuotas quotas, AdmissionMetrics metrics) {
        this.quotas = quotas;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiClient client = AuthHandler.client(ctx);
        if (client == null || client.rate().isEmpty()) {
            ctx.next();
            return;
        }
        ctx.request().pause();
        Future.fromCompletionStage(quotas.take(client.name(), client.rate().get()), ctx.vertx().getOrCreateContext())
                .onSuccess(decision -> {
                    if (decision.granted()) {
                        ctx.next();
                        return;
                    }
                    metrics.rateLimited(client.name());
                    Refusals.refuse(ctx, ProblemException.of(429, "client.rate_limited", "client '" + client.name()
                                    + "' is over its rate of " + rate(client.rate().get()) + " requests per second")
                            .retryAfter(decision.retryAfter()));
                })
                .onFailure(e -> {
                    metrics.quotaUnchecked();
                    warn(e);
                    ctx.next();
                });
    }

    private void warn(Throwable e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("client quotas unchecked (requests let through) while Redis does not answer: {}", e.getMessage());
        }
    }

    private static String rate(ClientRate rate) {
        double r = rate.perSecond();
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
