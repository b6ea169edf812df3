package vn.vneid.gateway.messages;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.lanes.CampaignRegistry;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.receipt.DeliveryReceipt;

/**
 * Applies delivery receipts from every carrier to message status and times submit → final receipt into
 * {@code sms_delivery_seconds}. A receipt can outrun the record of its own submit (the SMSC answers the last
 * segment and sends its receipt at once, while the gateway is still writing the submit), so a receipt whose
 * SMSC id is not known yet is tried again twice, after {@link #RETRY_DELAYS}; after that it is dropped as
 * someone else's, unless on that last try its handset has a message whose submit went unanswered
 * (status {@code unknown}): the receipt then settles that one.
 */
public final class ReceiptRecorder implements ReceiptListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptRecorder.class);
    static final Duration[] RETRY_DELAYS = {Duration.ofMillis(250), Duration.ofSeconds(2)};
    private final RedisMessageStatusStore statuses;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private volatile CampaignRegistry campaigns = NO_CAMPAIGNS;

    public ReceiptRecorder(RedisMessageStatusStore statuses, GatewayMetrics metrics, Clock clock) {
        this.statuses = statuses;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Where campaign recipients' receipts are counted (delivered, failed). */
    public void campaigns(CampaignRegistry campaigns) {
        this.campaigns = campaigns;
    }

    private static final CampaignRegistry NO_CAMPAIGNS = new CampaignRegistry() {
        @Override
        public java.util.concurrent.CompletionStage<java.util.List<ActiveCampaign>> running() {
            return CompletableFuture.completedFuture(java.util.List.of());
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> count(String campaignId, String state, long delta) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Boolean> completeIfDone(String campaignId) {
            return CompletableFuture.completedFuture(false);
        }
    };

    @Override
    public void onReceipt(String carrier, DeliveryReceipt receipt) {
        if (receipt.state().isFinal()) {
            apply(carrier, receipt, 0);
        }
    }

    private void apply(String carrier, DeliveryReceipt receipt, int attempt) {
        boolean lastTry = attempt == RETRY_DELAYS.length;
        statuses.receipt(carrier, receipt, clock.instant(), lastTry).whenComplete((outcome, e) -> {
            if (e != null) {
                log.warn("receipt {} from {} not recorded: {}", receipt.smscMessageId(), carrier, e.toString());
            } else if (outcome.kind() == ReceiptOutcome.Kind.NO_MESSAGE && attempt < RETRY_DELAYS.length) {
                Executor later = CompletableFuture.delayedExecutor(RETRY_DELAYS[attempt].toMillis(), TimeUnit.MILLISECONDS);
                CompletableFuture.runAsync(() -> apply(carrier, receipt, attempt + 1), later);
            } else {
                log.atInfo().setMessage("sms receipt").addKeyValue("event", "sms.receipt")
                        .addKeyValue("requestId", outcome.requestId()).addKeyValue("messageId", outcome.messageId())
                        .addKeyValue("carrier", carrier).addKeyValue("smscMessageId", receipt.smscMessageId())
                        .addKeyValue("state", receipt.state()).addKeyValue("error", receipt.errorCode())
                        .addKeyValue("outcome", outcome.kind()).log();
                if (outcome.kind() == ReceiptOutcome.Kind.SETTLED && outcome.submittedAt() != null) {
                    metrics.delivered(carrier, receipt.state().name(), Duration.between(outcome.submittedAt(), clock.instant()));
                }
                if (outcome.kind() == ReceiptOutcome.Kind.SETTLED && outcome.campaignId() != null) {
                    String state = receipt.state().isSuccess() ? "delivered" : "undelivered";
                    campaigns.count(outcome.campaignId(), state, 1);
                }
            }
        });
    }
}
