package vn.vneid.gateway;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.admission.Admission;
import vn.vneid.gateway.admission.RedisClientQuotas;
import vn.vneid.gateway.api.messages.GetMessageHandler;
import vn.vneid.gateway.config.DurabilityConfig;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.health.HealthHandlers;
import vn.vneid.gateway.http.HttpEdge;
import vn.vneid.gateway.http.Idempotency;
import vn.vneid.gateway.metrics.EventLoopMonitor;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.metrics.ScrapeHandler;
import vn.vneid.gateway.notices.dispatch.DispatchConfig;
import vn.vneid.gateway.notices.dispatch.Dispatcher;
import vn.vneid.gateway.notices.dispatch.OtpGuard;
import vn.vneid.gateway.notices.dispatch.OtpRecovery;
import vn.vneid.gateway.notices.status.ReceiptRecorder;
import vn.vneid.gateway.notices.status.RedisMessageStatusStore;
import vn.vneid.gateway.otp.IssueOtpHandler;
import vn.vneid.gateway.otp.VerifyOtpHandler;
import vn.vneid.gateway.pumping.PrefixHoldHandlers;
import vn.vneid.gateway.pumping.PumpingGuard;
import vn.vneid.gateway.pumping.RedisPrefixHolds;
import vn.vneid.gateway.store.StoreSafety;
import vn.vneid.otp.CodeGenerator;
import vn.vneid.otp.CodeHasher;
import vn.vneid.redis.RedisConnections;
import vn.vneid.otp.redis.RedisIdempotencyStore;
import vn.vneid.otp.redis.RedisOtpService;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.routing.RoutingSmsSender;
import vn.vneid.smpp.session.JsmppCarrier;

/**
 * The composition root: from a complete {@link GatewayConfig} (dev mode has already filled in its Redis, SMSC
 * and keys) it connects Redis, binds the carrier, builds the services and deploys one HTTP verticle per
 * core with the epoll transport where the OS has it. {@link #close} undoes it in reverse order.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private final Vertx vertx;
    private final RedisConnections redis;
    static final Duration RECEIPT_SWEEP = Duration.ofSeconds(1);
    private static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(3);
    private final RoutingSmsSender sender;
    private final PrometheusMeterRegistry registry;
    private final EventLoopMonitor monitor;
    private final Notices notices;
    private final Dispatcher dispatcher;
    private final int port;

    private Gateway(Vertx vertx, RedisConnections redis, RoutingSmsSender sender, PrometheusMeterRegistry registry,
                    EventLoopMonitor monitor, Notices notices, Dispatcher dispatcher, int port) {
        this.monitor = monitor;
        this.notices = notices;
        this.dispatcher = dispatcher;
        this.vertx = vertx;
        this.redis = redis;
        this.sender = sender;
        this.registry = registry;
        this.port = port;
    }

    public static Gateway start(GatewayConfig config, Clock clock) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        GatewayMetrics metrics = new GatewayMetrics(registry);

        String redisUrl = config.redisUrl().orElseThrow(() -> new IllegalStateException("no Redis URL"));
        RedisConnections redis = RedisConnections.open(redisUrl, config.redisCommandTimeout());
        DurabilityConfig durability = config.durability();
        StoreSafety safety;
        try {
            safety = StoreSafety.start(redis.async(), durability.allowVolatile(), config.devMode(), clock, registry);
        } catch (Exception e) {
            redis.close();
            throw e;
        }
        // Message status (most of the commands per OTP) on a connection of its own: another Lettuce I/O thread.
        var statusConnection = redis.additional().async();
        RedisMessageStatusStore statuses = new RedisMessageStatusStore(statusConnection,
                config.messageStatusTtl(), config.receiptTimeout());

        ReceiptRecorder receipts = new ReceiptRecorder(statuses, metrics, clock);
        Map<String, JsmppCarrier> carriers = new LinkedHashMap<>();
        for (CarrierConfig carrierConfig : config.smsc().carriers()) {
            JsmppCarrier carrier = new JsmppCarrier(carrierConfig, receipts, registry, clock);
            carriers.put(carrierConfig.name(), carrier);
            carrier.start();
        }
        RoutingSmsSender sender = new RoutingSmsSender(carriers, config.smsc().routeTable(), clock, registry);

        byte[] secret = config.otpSecret().orElseThrow(() -> new IllegalStateException("no OTP secret"));
        RedisOtpService otp = new RedisOtpService(redis.connection(), config.otpPolicies(), new CodeHasher(secret),
                new CodeGenerator(), clock);
        // OTPs measure their own latency; notices give way while it is too high (one guard per instance).
        DispatchConfig dispatchConfig = config.notices().dispatch();
        OtpGuard guard = new OtpGuard(dispatchConfig.maxInFlight(), dispatchConfig.otpLatencyTarget());
        metrics.noticeBudget(guard::budget);
        Dispatcher dispatcher = new Dispatcher(sender, statuses, statusConnection, secret, durability.otpLease(), clock,
                guard, metrics);
        OtpRecovery recovery = new OtpRecovery(dispatcher, clock, metrics);
        Idempotency idempotency = new Idempotency(new RedisIdempotencyStore(redis.connection()), config.idempotencyTtl());
        // SMS pumping: holds per number prefix, shared through Redis, read by every instance every refreshEvery.
        PumpingGuard pumping = new PumpingGuard(config.pumpingGuard(), new RedisPrefixHolds(redis.connection().async()),
                clock, registry);
        Buffer openApi = Buffer.buffer(resource("/openapi.yaml"));
        Notices notices = new Notices(config.notices(), redis, receipts, clock);
        NoticeHandlers noticeHandlers = new NoticeHandlers(notices.sendMessage(statuses, idempotency),
                notices.putTemplate(), notices.getTemplate(), notices.deleteTemplate(),
                notices.putOptOut(), notices.getOptOut(), notices.deleteOptOut(),
                notices.createCampaign(), notices.uploadRecipients(), notices.campaignAction(), notices.getCampaign());

        GatewayServices services = new GatewayServices(
                config.apiKeys(),
                metrics,
                new IssueOtpHandler(otp, dispatcher, idempotency, metrics, pumping),
                new VerifyOtpHandler(otp, metrics, pumping),
                new GetMessageHandler(statuses),
                new ScrapeHandler(registry),
                new HealthHandlers(redis.async(), sender, safety),
                ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi),
                noticeHandlers,
                PrefixHoldHandlers.of(pumping),
                Admission.create(config.admission(), config.apiKeys(), new RedisClientQuotas(redis.async(), clock),
                        registry),
                HttpEdge.create(config.httpLimits(), metrics, clock));

        pumping.tick().toCompletableFuture().handle((loaded, failure) -> null) // the holds in force before serving
                .get(config.redisCommandTimeout().multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);

        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setPreferNativeTransport(true))
                .withTransport(transport())
                .build();
        int port = config.httpPort() == 0 ? freePort() : config.httpPort();
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            vertx.deployVerticle(() -> new HttpApiVerticle(services, config.httpHost(), port), new DeploymentOptions().setInstances(instances))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            sender.close();
            redis.close();
            throw e;
        }
        notices.start(vertx, sender, statuses, guard, registry, redis);
        safety.reportLossesTo(notices.lostWork());
        vertx.setPeriodic(durability.checkEvery().toMillis(), id -> safety.check());
        vertx.setPeriodic(Math.max(100, durability.otpLease().toMillis() / 3), id -> dispatcher.renewLeases());
        vertx.setPeriodic(Math.max(100, durability.otpLease().toMillis() / 2), id -> recovery.run());
        recovery.run();
        vertx.setPeriodic(OtpGuard.WINDOW.toMillis(), id -> guard.adjust());
        vertx.setPeriodic(RECEIPT_SWEEP.toMillis(), id -> statuses.expireOverdue(clock.instant()));
        vertx.setPeriodic(config.pumpingGuard().refreshEvery().toMillis(), id -> pumping.tick());
        EventLoopMonitor monitor = EventLoopMonitor.install(vertx, registry);
        log.info("gateway listening on {}:{} ({} event loops, transport {}), carriers {}", config.httpHost(), port,
                instances, vertx.isNativeTransportEnabled() ? "epoll" : "nio", config.smsc().carriers());
        return new Gateway(vertx, redis, sender, registry, monitor, notices, dispatcher, port);
    }

    public int port() {
        return port;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Notices handed to carriers and not yet settled on this instance (tests wait for it to drain). */
    public int noticesInFlight() {
        return notices.dispatcher().inFlight();
    }

    /** The SMS sender over every carrier, for tests and tooling that wait for binds or drained queues. */
    public RoutingSmsSender sender() {
        return sender;
    }

    /**
     * Stops in order: no new requests or timers, then the carriers (submits in flight are answered and recorded;
     * OTPs still queued come back unsent), then those OTPs are handed back to the outbox for another instance,
     * and only then is Redis closed.
     */
    @Override
    public void close() {
        monitor.close();
        notices.close();
        dispatcher.stopping();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
        sender.close();
        dispatcher.handBack(HAND_BACK_TIMEOUT);
        redis.close();
        registry.close();
    }

    /** Epoll on Linux, asked for explicitly; NIO elsewhere, with the reason logged. */
    private static Transport transport() {
        if (Transport.EPOLL.available()) {
            return Transport.EPOLL;
        }
        log.warn("epoll transport unavailable ({}); using NIO", String.valueOf(Transport.EPOLL.unavailabilityCause()));
        return Transport.NIO;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Gateway.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
