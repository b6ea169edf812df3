package vn.vneid.gateway.notices.webhooks;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.notices.StatusListener;

/**
 * Queues a webhook for every status event that has somewhere to go: the message's own callback URL, else its
 * client's default ({@code webhooks.clients.<client>.url}); events with neither are ignored. The job is appended
 * to the durable stream {@code webhooks:{q}} (see {@link WebhookStreams}) and delivered later by a
 * {@link WebhookDispatcher}, on this or any other instance. {@link #onStatus} never blocks and never throws:
 * a URL that is not allowed is dropped with a WARN and {@code webhook_dropped_total{reason="url_not_allowed"}};
 * a failed append with a WARN and {@code webhook_dropped_total{reason="enqueue_failed"}}.
 */
public final class WebhookPublisher implements StatusListener {
    private static final Logger log = LoggerFactory.getLogger(WebhookPublisher.class);
    private final RedisWebhookQueue queue;
    private final WebhookConfig config;
    private final WebhookMetrics metrics;

    public WebhookPublisher(RedisAsyncCommands<String, String> redis, WebhookConfig config, WebhookMetrics metrics) {
        this.queue = new RedisWebhookQueue(Objects.requireNonNull(redis, "redis"), "publisher");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void onStatus(StatusEvent event) {
        Optional<String> url = event.callbackUrl().or(() -> config.defaultUrl(event.client()));
        if (url.isEmpty()) {
            return;
        }
        Optional<String> problem = config.urlProblem(url.get());
        if (problem.isPresent()) {
            metrics.urlNotAllowed();
            log.atWarn().setMessage("webhook dropped: callback URL not allowed").addKeyValue("event", "webhook.dropped")
                    .addKeyValue("messageId", event.messageId()).addKeyValue("client", event.client())
                    .addKeyValue("host", WebhookConfig.hostOf(url.get())).addKeyValue("problem", problem.get()).log();
            return;
        }
        WebhookJob job = WebhookJob.of(event, url.get());
        queue.append(job).whenComplete((id, e) -> {
            if (e != null) {
                metrics.enqueueFailed();
                log.atWarn().setMessage("webhook dropped: not queued").addKeyValue("event", "webhook.dropped")
                        .addKeyValue("messageId", event.messageId()).addKeyValue("eventId", job.eventId())
                        .addKeyValue("status", event.status()).addKeyValue("error", e.toString()).log();
            }
        });
    }
}
