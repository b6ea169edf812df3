package vn.vneid.gateway.notices.webhooks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.notices.queue.RedisWorkQueue.Entry;

/**
 * Delivers the webhooks queued by {@link WebhookPublisher}: one consumer ({@code consumerName}, unique per
 * instance) in the group {@code webhook-dispatchers} on {@code webhooks:{q}}. Every {@code pollInterval} it
 * reads a batch (again at once while batches come full), and POSTs each job's body with
 * {@code Content-Type: application/json} and {@link WebhookSigner#HEADER}, through a Vert.x {@link WebClient}
 * that never follows redirects. Everything runs on one Vert.x context and nothing blocks it.
 * <ul>
 *   <li>2xx: the entry is acknowledged and deleted ({@code webhook_deliveries_total{result="delivered"}});</li>
 *   <li>any other answer, a timeout ({@code requestTimeout}) or a connection error: the job goes to the retry set
 *       {@code webhooks:{q}:retry}, due after the back-off ({@code result="retry"}), and is moved back to the
 *       stream when due; after {@code maxAttempts} tries it goes to the dead-letter stream {@code webhooks:{q}:dead}
 *       with the reason ({@code result="failed"}).</li>
 * </ul>
 * Entries that a crashed (or closed) instance read but never settled are taken over with {@code XAUTOCLAIM} once
 * idle for {@code claimIdle}. Delivery is therefore at least once: receivers deduplicate on {@code eventId}.
 * Use a connection without blocking commands on it (the shared one is fine: nothing here uses {@code BLOCK}).
 */
public final class WebhookDispatcher {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private final Vertx vertx;
    private final RedisWebhookQueue queue;
    private final WebhookConfig config;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final int maxInFlight;
    /** Ids being delivered by this instance; touched on {@link #context} only. */
    private final Set<String> inFlight = new HashSet<>();
    private Context context;
    private WebClient client;
    private long pollTimer = -1;
    private long reclaimTimer = -1;
    private boolean reading;
    private boolean promoting;
    private boolean reclaiming;
    private volatile boolean closed;

    public WebhookDispatcher(Vertx vertx, RedisAsyncCommands<String, String> redis, WebhookConfig config,
            WebhookMetrics metrics, Clock clock, String consumerName) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.queue = new RedisWebhookQueue(Objects.requireNonNull(redis, "redis"),
                Objects.requireNonNull(consumerName, "consumerName"));
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxInFlight = config.batchSize() * 4;
    }

    /** A consumer name unique to this process: host, pid and a random suffix. */
    public static String defaultConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates the consumer group if needed and starts polling, on the caller's Vert.x context (a new event-loop
     * context when called from outside Vert.x); fails if Redis cannot be reached. Call once.
     */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        Future<Void> started = Future.future(promise -> context.runOnContext(v -> {
            client = WebClient.create(vertx, new WebClientOptions()
                    .setFollowRedirects(false)
                    .setUserAgent("VNeID-Gateway-Webhooks/1")
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis())));
            createGroup().onComplete(promise);
        }));
        return started.onSuccess(v -> context.runOnContext(x -> {
            if (closed) {
                return;
            }
            pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> {
                promote();
                read();
            });
            long reclaimEvery = Math.max(10, Math.min(config.claimIdle().toMillis() / 2, 30_000));
            reclaimTimer = vertx.setPeriodic(reclaimEvery, id -> reclaim());
            log.info("webhook dispatcher {} started", queue.consumerName());
        }));
    }

    /**
     * Stops reading and cancels requests in flight; what this instance read and did not settle stays pending
     * in the group, for another instance (or the next start) to claim after {@code claimIdle}.
     */
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        if (context == null) {
            return Future.succeededFuture();
        }
        return Future.future(promise -> context.runOnContext(v -> {
            vertx.cancelTimer(pollTimer);
            vertx.cancelTimer(reclaimTimer);
            if (client != null) {
                client.close();
            }
            log.info("webhook dispatcher {} closed with {} deliveries unsettled", queue.consumerName(), inFlight.size());
            promise.complete();
        }));
    }

    private Future<Void> createGroup() {
        return onContext(queue.createGroup());
    }

    private void read() {
        int room = Math.min(config.batchSize(), maxInFlight - inFlight.size());
        if (closed || reading || room <= 0) {
            return;
        }
        reading = true;
        onContext(queue.read(room)).onComplete(ar -> {
                    reading = false;
                    if (ar.failed()) {
                        redisFailed("read", ar.cause());
                        return;
                    }
                    ar.result().forEach(this::deliver);
                    if (ar.result().size() == room) {
                        read();
                    }
                });
    }

    private void promote() {
        if (closed || promoting) {
            return;
        }
        promoting = true;
        int limit = config.batchSize();
        onContext(queue.promoteDue(clock.instant(), limit)).onComplete(ar -> {
                    promoting = false;
                    if (ar.failed()) {
                        redisFailed("promote", ar.cause());
                    } else if (ar.result() == limit) {
                        promote();
                    }
                });
    }

    private void reclaim() {
        if (closed || reclaiming) {
            return;
        }
        reclaiming = true;
        reclaimFrom("0-0");
    }

    private void reclaimFrom(String cursor) {
        onContext(queue.claimIdle(config.claimIdle(), cursor, config.batchSize())).onComplete(ar -> {
            if (ar.failed()) {
                reclaiming = false;
                redisFailed("reclaim", ar.cause());
                return;
            }
            List<Entry> claimed = ar.result().entries();
            claimed.stream().filter(m -> !inFlight.contains(m.id())).forEach(m -> {
                log.info("webhook entry {} taken over after {} idle", m.id(), config.claimIdle());
                deliver(m);
            });
            String next = ar.result().next();
            if (!closed && next != null && !next.equals("0-0") && inFlight.size() < maxInFlight) {
                reclaimFrom(next);
            } else {
                reclaiming = false;
            }
        });
    }

    private void deliver(Entry entry) {
        String id = entry.id();
        if (closed || !inFlight.add(id)) {
            return;
        }
        Map<String, String> fields = entry.fields();
        String raw = fields == null ? null : fields.get(WebhookStreams.JOB);
        if (raw == null) {
            settle(id, queue.done(id), "drop empty entry");
            return;
        }
        WebhookJob job;
        try {
            job = WebhookJob.fromJson(raw);
        } catch (IllegalArgumentException e) {
            giveUp(id, raw, "unreadable job: " + e.getMessage(), Optional.empty());
            return;
        }
        Optional<String> problem = config.urlProblem(job.url());
        if (problem.isPresent()) {
            giveUp(id, raw, "callback URL not allowed: " + problem.get(), Optional.of(job));
            return;
        }
        String signature = WebhookSigner.sign(job.body(), config.secretFor(job.client()), clock.instant());
        client.postAbs(job.url())
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSigner.HEADER, signature)
                .sendBuffer(Buffer.buffer(job.body()))
                .onComplete(ar -> {
                    if (closed) {
                        inFlight.remove(id);
                    } else if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                        delivered(id, job, ar.result());
                    } else {
                        failed(id, job, ar.succeeded() ? "HTTP " + ar.result().statusCode() : describe(ar.cause()));
                    }
                });
    }

    private void delivered(String id, WebhookJob job, HttpResponse<Buffer> response) {
        metrics.delivered();
        log.atInfo().setMessage("webhook delivered").addKeyValue("event", "webhook.delivered")
                .addKeyValue("eventId", job.eventId()).addKeyValue("client", job.client())
                .addKeyValue("host", WebhookConfig.hostOf(job.url())).addKeyValue("status", response.statusCode())
                .addKeyValue("try", job.failedTries() + 1).log();
        settle(id, queue.done(id), "acknowledge");
    }

    private void failed(String id, WebhookJob job, String reason) {
        WebhookJob next = job.failedOnce(reason);
        if (next.failedTries() >= config.maxAttempts()) {
            giveUp(id, next.toJson(), reason, Optional.of(next));
            return;
        }
        Duration wait = config.backoff().delayAfter(next.failedTries(), ThreadLocalRandom.current().nextDouble());
        metrics.retry();
        log.atInfo().setMessage("webhook will be retried").addKeyValue("event", "webhook.retry")
                .addKeyValue("eventId", job.eventId()).addKeyValue("client", job.client())
                .addKeyValue("host", WebhookConfig.hostOf(job.url())).addKeyValue("reason", reason)
                .addKeyValue("failedTries", next.failedTries()).addKeyValue("retryInMs", wait.toMillis()).log();
        settle(id, queue.retryAt(id, next, clock.instant().plus(wait)), "schedule retry");
    }

    private void giveUp(String id, String rawJob, String reason, Optional<WebhookJob> job) {
        metrics.failed();
        log.atWarn().setMessage("webhook failed for good, moved to the dead letters").addKeyValue("event", "webhook.failed")
                .addKeyValue("eventId", job.map(WebhookJob::eventId).orElse("?"))
                .addKeyValue("client", job.map(WebhookJob::client).orElse("?"))
                .addKeyValue("host", job.map(j -> WebhookConfig.hostOf(j.url())).orElse("?"))
                .addKeyValue("tries", job.map(WebhookJob::failedTries).orElse(0)).addKeyValue("reason", reason).log();
        settle(id, queue.deadLetter(id, rawJob, reason, clock.instant()), "move to dead letters");
    }

    /** Forgets the entry once Redis has settled it; if Redis failed, it stays pending and is claimed again later. */
    private void settle(String id, CompletionStage<Void> script, String what) {
        onContext(script).onComplete(ar -> {
            inFlight.remove(id);
            if (ar.failed()) {
                log.warn("webhook entry {}: could not {} ({}); it will be delivered again after {}", id, what,
                        ar.cause().toString(), config.claimIdle());
            }
        });
    }

    private void redisFailed(String what, Throwable e) {
        if (String.valueOf(RedisWebhookQueue.rootMessage(e)).startsWith("NOGROUP")) {
            createGroup().onFailure(f -> log.warn("webhook consumer group not re-created: {}", f.toString()));
            return;
        }
        log.warn("webhook dispatcher could not {}: {}", what, e.toString());
    }

    /** Why a request failed, without the URL (its path or query may carry a token). */
    private String describe(Throwable e) {
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            return "timeout after " + config.requestTimeout().toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpClosedException) {
            return "connection closed before the answer";
        }
        return "request failed: " + e.getClass().getSimpleName();
    }

    private <T> Future<T> onContext(CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, context);
    }
}
