package vn.vneid.gateway.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.LongSupplier;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.http.ProblemException;

/**
 * Admission control of one instance, built once and shared by every verticle: the handlers a route puts after
 * authentication. {@link #admit} sheds by priority when the instance is past its (adaptive) concurrency limit
 * (503 {@code overloaded}, before the body is read or Redis touched); {@link #quota} enforces each client's
 * rate, shared across instances through Redis (429 {@code client.rate_limited}); {@link #byCategory} moves a
 * {@code POST /v1/messages} whose body says {@code "category": "BULK"} to the bulk class. Routes that operators
 * and orchestrators need under load ({@code /metrics}, {@code /health/*}, {@code /openapi.yaml}) never pass here.
 */
public final class Admission {
    /** Routes whose duration is the size of what they stream, not a sign of load: held in flight, not sampled. */
    private static final List<String> LONG_RUNNING = List.of("/v1/campaigns/:id/recipients");
    private final PriorityLimiter limiter;
    private final AdmissionMetrics metrics;
    private final ProblemException overloaded;
    private final ClientQuotaHandler quota;

    Admission(AdmissionConfig config, PriorityLimiter limiter, ApiKeys keys, ClientQuotas quotas,
              MeterRegistry registry) {
        this.limiter = limiter;
        this.metrics = new AdmissionMetrics(registry, limiter::limit, limiter::inFlight,
                keys.clients().stream().filter(c -> c.rate().isPresent()).map(ApiClient::name).distinct().toList());
        this.overloaded = ProblemException.of(503, "overloaded",
                "the gateway is at capacity; nothing was done, retry after Retry-After seconds")
                .retryAfter(config.retryAfter());
        this.quota = new ClientQuotaHandler(quotas, metrics);
    }

    public static Admission create(AdmissionConfig config, ApiKeys keys, ClientQuotas quotas, MeterRegistry registry) {
        return create(config, keys, quotas, registry, System::nanoTime);
    }

    static Admission create(AdmissionConfig config, ApiKeys keys, ClientQuotas quotas, MeterRegistry registry,
                            LongSupplier nanoClock) {
        return new Admission(config, PriorityLimiter.create(config, nanoClock), keys, quotas, registry);
    }

    /** The admission handler of one route, by its method and template (see {@link RequestClass#of}). */
    public Handler<RoutingContext> admit(HttpMethod method, String route) {
        return new AdmissionHandler(limiter, RequestClass.of(method, route), !LONG_RUNNING.contains(route), metrics,
                overloaded);
    }

    /** The client quota check; put it after {@link #admit} (it may call Redis). */
    public Handler<RoutingContext> quota() {
        return quota;
    }

    /**
     * Wraps the handler of {@code POST /v1/messages}, after its body was read (at most 16 KiB): admitted as
     * transactional before the body, a BULK notice is refused with 503 {@code overloaded} unless it would also
     * have been admitted as bulk. Only a body that mentions {@code BULK} at all is parsed for it; anything
     * unreadable is left to the handler to refuse.
     */
    public Handler<RoutingContext> byCategory(Handler<RoutingContext> sendMessage) {
        return ctx -> {
            if (ctx.get(AdmissionHandler.ADMITTED) == RequestClass.TRANSACTIONAL && isBulk(ctx.body().buffer())
                    && !limiter.admitsHeld(RequestClass.BULK)) {
                metrics.rejected(RequestClass.BULK);
                ctx.fail(overloaded);
                return;
            }
            sendMessage.handle(ctx);
        };
    }

    static boolean isBulk(Buffer body) {
        if (body == null || !mentionsBulk(body)) {
            return false;
        }
        try {
            return Json.decodeValue(body) instanceof JsonObject json && "BULK".equals(json.getValue("category"));
        } catch (DecodeException e) {
            return false;
        }
    }

    /** A scan of the bytes for {@code BULK}, without decoding: most notices are transactional and skip the parse. */
    private static boolean mentionsBulk(Buffer body) {
        for (int i = 0, end = body.length() - 4; i <= end; i++) {
            if (body.getByte(i) == 'B' && body.getByte(i + 1) == 'U' && body.getByte(i + 2) == 'L'
                    && body.getByte(i + 3) == 'K') {
                return true;
            }
        }
        return false;
    }

    /** The concurrency limit in force now. */
    public int limit() {
        return limiter.limit();
    }

    /** Admitted requests not answered yet. */
    public int inFlight() {
        return limiter.inFlight();
    }
}
