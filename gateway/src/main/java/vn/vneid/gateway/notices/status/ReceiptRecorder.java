package vn.vneid.gateway.notices.status;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.notices.CampaignRegistry;
import vn.vneid.gateway.notices.MessageStatusStore;
import vn.vneid.gateway.notices.ReceiptOutcome;
import vn.vneid.gateway.notices.queue.GroupCommit;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.receipt.DeliveryReceipt;

/**
 * Applies delivery receipts from every carrier to message status and times submit → final receipt into
 * {@code sms_delivery_seconds}. The stage {@link #onReceipt} returns completes once the receipt is in Redis
 * (it settled its message, counted a segment, or was there already), and fails when the status store fails,
 * so that the carrier answers the SMSC a temporary error and the SMSC sends the receipt again: a receipt is
 * never acknowledged before it is recorded, and none waits in our memory for Redis to come back (see
 * {@link ReceiptListener}). Receipts that arrive while others are being recorded are recorded together: their
 * commands are sent back to back, one pipeline per batch ({@link GroupCommit}); a receipt alone goes at once.
 *
 * <p>A receipt can outrun the record of its own submit (the SMSC answers the last segment and sends its
 * receipt at once, while the gateway is still writing the submit), so a receipt whose SMSC id is not known yet
 * is tried again twice, after {@link #RETRY_DELAYS}. It is acknowledged after the first retry (a quarter of a
 * second: the usual outrun is a few milliseconds), recorded if that found its message; the last try, two
 * seconds later, runs after the acknowledgement as before: it drops the receipt as someone else's unless its
 * handset has a message whose submit went unanswered (status {@code unknown}), which it then settles.
 */
public final class ReceiptRecorder implements ReceiptListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptRecorder.class);
    static final Duration[] RETRY_DELAYS = {Duration.ofMillis(250), Duration.ofSeconds(2)};
    /** Tries, the first included, that a receipt for an id not known yet gets before it is acknowledged. */
    static final int TRIES_BEFORE_ACKNOWLEDGING_UNKNOWN = 2;
    /** Receipts recorded in one pipeline at most. */
    static final int MAX_BATCH = 500;
    private final MessageStatusStore statuses;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private volatile CampaignRegistry campaigns = NO_CAMPAIGNS;
    /** Receipts that arrive while a batch is being recorded are recorded together, in one pipeline. */
    private final GroupCommit<Try, ReceiptOutcome> batches;

    public ReceiptRecorder(MessageStatusStore statuses, GatewayMetrics metrics, Clock clock) {
        this.statuses = statuses;
        this.metrics = metrics;
        this.clock = clock;
        this.batches = new GroupCommit<>(MAX_BATCH, tries -> tries.stream()
                .map(t -> statuses.receipt(t.carrier(), t.receipt(), t.at(), t.matchHandset())).toList());
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
    public CompletionStage<Void> onReceipt(String carrier, DeliveryReceipt receipt) {
        if (!receipt.state().isFinal()) {
            return ReceiptListener.DONE;
        }
        CompletableFuture<Void> safe = new CompletableFuture<>();
        apply(carrier, receipt, 0, safe);
        return safe;
    }

    /** Try {@code attempt} (0-based); completes {@code safe} when the receipt may be acknowledged. */
    private void apply(String carrier, DeliveryReceipt receipt, int attempt, CompletableFuture<Void> safe) {
        boolean lastTry = attempt == RETRY_DELAYS.length;
        batches.submit(new Try(carrier, receipt, clock.instant(), lastTry)).whenComplete((outcome, e) -> {
            if (e != null) {
                if (!safe.completeExceptionally(e)) {
                    // Acknowledged already (an id not known after the first retry): nothing can ask for it again.
                    log.warn("receipt {} from {} not recorded on its last try: {}", receipt.smscMessageId(), carrier,
                            e.toString());
                }
            } else if (outcome.kind() == ReceiptOutcome.Kind.NO_MESSAGE && attempt < RETRY_DELAYS.length) {
                if (attempt + 1 >= TRIES_BEFORE_ACKNOWLEDGING_UNKNOWN) {
                    safe.complete(null);
                }
                Executor later = CompletableFuture.delayedExecutor(RETRY_DELAYS[attempt].toMillis(), TimeUnit.MILLISECONDS);
                CompletableFuture.runAsync(() -> apply(carrier, receipt, attempt + 1, safe), later);
            } else {
                safe.complete(null);
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
                    campaigns.count(outcome.campaignId(), state, 1).whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            log.warn("campaign {} not counted for receipt {}: {}", outcome.campaignId(),
                                    receipt.smscMessageId(), failure.toString());
                        }
                    });
                }
            }
        });
    }

    private record Try(String carrier, DeliveryReceipt receipt, java.time.Instant at, boolean matchHandset) {
    }
}
