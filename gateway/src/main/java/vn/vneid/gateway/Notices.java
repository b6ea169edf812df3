package vn.vneid.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import vn.vneid.gateway.api.campaigns.CampaignActionHandler;
import vn.vneid.gateway.api.campaigns.CreateCampaignHandler;
import vn.vneid.gateway.api.campaigns.GetCampaignHandler;
import vn.vneid.gateway.api.campaigns.UploadRecipientsHandler;
import vn.vneid.gateway.api.messages.SendMessageHandler;
import vn.vneid.gateway.api.optouts.DeleteOptOutHandler;
import vn.vneid.gateway.api.optouts.GetOptOutHandler;
import vn.vneid.gateway.api.optouts.PutOptOutHandler;
import vn.vneid.gateway.api.templates.DeleteTemplateHandler;
import vn.vneid.gateway.api.templates.GetTemplateHandler;
import vn.vneid.gateway.api.templates.PutTemplateHandler;
import vn.vneid.gateway.config.NoticesConfig;
import vn.vneid.gateway.http.Idempotency;
import vn.vneid.gateway.notices.CampaignRegistry;
import vn.vneid.gateway.notices.MessageStatusStore;
import vn.vneid.gateway.notices.campaigns.BatchingCampaignRegistry;
import vn.vneid.gateway.notices.campaigns.CountingCampaignRegistry;
import vn.vneid.gateway.notices.campaigns.RedisCampaignRegistry;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;
import vn.vneid.gateway.notices.dispatch.LaneGauges;
import vn.vneid.gateway.notices.dispatch.NoticeDispatcher;
import vn.vneid.gateway.notices.dispatch.OtpGuard;
import vn.vneid.gateway.notices.lanes.RedisNoticeLanes;
import vn.vneid.gateway.notices.optouts.RedisOptOuts;
import vn.vneid.gateway.notices.status.ReceiptRecorder;
import vn.vneid.gateway.notices.templates.RedisTemplateStore;
import vn.vneid.gateway.notices.templates.TemplateRegistry;
import vn.vneid.gateway.notices.webhooks.WebhookDispatcher;
import vn.vneid.gateway.notices.webhooks.WebhookMetrics;
import vn.vneid.gateway.notices.webhooks.WebhookPublisher;
import vn.vneid.gateway.store.StoreSafety;
import vn.vneid.redis.RedisConnections;
import vn.vneid.smpp.SmsSender;

/**
 * The notices feature put together: templates, opt-outs, the durable lanes, campaigns and the dispatcher, and
 * the handlers of their routes. Built by {@link Gateway}; {@link #start} begins dispatching.
 */
final class Notices implements AutoCloseable {
    static final Duration TEMPLATE_REFRESH = Duration.ofSeconds(10);
    final TemplateRegistry templates;
    final RedisOptOuts optOuts;
    final RedisNoticeLanes lanes;
    final RedisCampaignStore campaigns;
    final RedisCampaignRegistry campaignStates;
    private CampaignRegistry campaignRegistry;
    private final NoticesConfig config;
    private final Clock clock;
    private final ReceiptRecorder receipts;
    private NoticeDispatcher dispatcher;
    private WebhookDispatcher webhooks;
    private LaneGauges gauges;

    Notices(NoticesConfig config, RedisConnections redis, ReceiptRecorder receipts, Clock clock) throws Exception {
        this.config = config;
        this.clock = clock;
        this.templates = new TemplateRegistry(config.templates(), new RedisTemplateStore(redis.async()));
        templates.refresh().toCompletableFuture().get(10, TimeUnit.SECONDS);
        this.optOuts = new RedisOptOuts(redis.async());
        this.lanes = new RedisNoticeLanes(redis.async(), config.dispatch().transactionalCap(), Duration.ofSeconds(5));
        this.campaigns = new RedisCampaignStore(redis.async(), clock);
        this.campaignStates = new RedisCampaignRegistry(campaigns, lanes, clock);
        this.receipts = receipts;
    }

    void start(Vertx vertx, SmsSender sender, MessageStatusStore statuses, OtpGuard guard, MeterRegistry registry,
               RedisConnections redis) throws Exception {
        String consumer = "gw-" + ManagementFactory.getRuntimeMXBean().getName();
        campaignRegistry = new BatchingCampaignRegistry(new CountingCampaignRegistry(campaignStates, registry));
        receipts.campaigns(campaignRegistry);
        if (config.webhooks().isPresent()) {
            WebhookMetrics hookMetrics = new WebhookMetrics(registry);
            statuses.listener(new WebhookPublisher(redis.async(), config.webhooks().get(), hookMetrics));
            webhooks = new WebhookDispatcher(vertx, redis.async(), config.webhooks().get(), hookMetrics, clock,
                    WebhookDispatcher.defaultConsumerName());
            webhooks.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        dispatcher = new NoticeDispatcher(vertx, lanes, sender, statuses, campaignRegistry, optOuts, clock,
                config.dispatch(), guard, consumer, registry);
        dispatcher.start();
        gauges = LaneGauges.install(vertx, lanes, dispatcher, clock, registry);
        vertx.setPeriodic(TEMPLATE_REFRESH.toMillis(), id -> templates.refresh());
    }

    Handler<RoutingContext> sendMessage(MessageStatusStore statuses, Idempotency idempotency) {
        return new SendMessageHandler(lanes, statuses, templates, idempotency, clock);
    }

    Handler<RoutingContext> putTemplate() {
        return new PutTemplateHandler(templates);
    }

    Handler<RoutingContext> getTemplate() {
        return new GetTemplateHandler(templates);
    }

    Handler<RoutingContext> deleteTemplate() {
        return new DeleteTemplateHandler(templates);
    }

    Handler<RoutingContext> putOptOut() {
        return new PutOptOutHandler(optOuts);
    }

    Handler<RoutingContext> getOptOut() {
        return new GetOptOutHandler(optOuts);
    }

    Handler<RoutingContext> deleteOptOut() {
        return new DeleteOptOutHandler(optOuts);
    }

    Handler<RoutingContext> createCampaign() {
        return new CreateCampaignHandler(campaigns, templates, clock);
    }

    Handler<RoutingContext> uploadRecipients() {
        return new UploadRecipientsHandler(campaigns, lanes, templates, clock);
    }

    Handler<RoutingContext> campaignAction() {
        return new CampaignActionHandler(campaigns, lanes);
    }

    Handler<RoutingContext> getCampaign() {
        return new GetCampaignHandler(campaigns, clock);
    }

    /** What to report, and remember, when Redis is found to have lost its data. */
    StoreSafety.LostWork lostWork() {
        return new StoreSafety.LostWork() {
            @Override
            public java.util.Map<String, Long> queuedNotices() {
                return gauges == null ? java.util.Map.of() : gauges.lastDepths();
            }

            @Override
            public java.util.Collection<String> runningCampaigns() {
                return dispatcher == null ? java.util.List.of() : dispatcher.runningCampaigns();
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> rememberLost(java.util.Collection<String> ids) {
                return campaigns.rememberLost(ids, clock.instant());
            }
        };
    }

    NoticeDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
    }
}
