package vn.vneid.gateway.notices.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.notices.CampaignRegistry.ActiveCampaign;
import vn.vneid.gateway.notices.CampaignRegistry;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.MessageStatus;
import vn.vneid.gateway.notices.MessageStatusStore;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.gateway.notices.OptOuts;
import vn.vneid.gateway.notices.lanes.LaneKeys;
import vn.vneid.gateway.notices.lanes.RedisNoticeLanes.LaneRead;
import vn.vneid.gateway.notices.lanes.RedisNoticeLanes;
import vn.vneid.gateway.store.LoopFailures;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SmsSender;
import vn.vneid.smpp.SubmitResult;

/**
 * Moves notices from the durable lanes to the carriers. Every {@link DispatchConfig#tick} it fills the free part
 * of its in-flight budget: the transactional lane first, up to {@code transactionalShare} of it (all of it when
 * bulk has nothing), then bulk lanes in turn: one-off bulk and each running campaign, each at its pace and
 * never in its quiet hours. A recipient is counted on its campaign only after its entry is settled, so a
 * campaign completes when its lane is empty and every recipient is counted. OTPs are not in lanes: they reach the carrier queue as priority messages and pass
 * every notice there. A message is settled (acked and deleted from its lane) only when the SMSC accepted it or
 * it ended for good; a temporary refusal sends it back to its lane after a back-off; after
 * {@code maxAttempts} it goes to the dead-letter stream. Entries held by a dead instance are reclaimed. The budget
 * shrinks while OTPs are slow ({@link OtpGuard}), so a campaign never takes the gateway from citizens waiting for a code.
 */
public final class NoticeDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);
    private static final String ADHOC_LANE = LaneKeys.campaign(NoticeLanes.ADHOC);
    private final Vertx vertx;
    private final RedisNoticeLanes lanes;
    private final SmsSender sender;
    private final MessageStatusStore statuses;
    private final CampaignRegistry campaigns;
    private final OptOuts optOuts;
    private final Clock clock;
    private final DispatchConfig config;
    private final OtpGuard guard;
    private final String consumer;
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter takenOver;
    private final LoopFailures roundFailures = new LoopFailures(log, "dispatch round");
    private final LoopFailures housekeepingFailures = new LoopFailures(log, "dispatch housekeeping");
    private final LoopFailures settleFailures = new LoopFailures(log, "settling notices (retried after the reclaim time)");
    /** Entries this instance is processing now: a reclaim must not take them from itself. */
    private final java.util.Set<String> processing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Pace> paces = new ConcurrentHashMap<>();
    private final List<Long> timers = new ArrayList<>();
    private volatile List<ActiveCampaign> running = List.of();
    private volatile boolean closed;

    public NoticeDispatcher(Vertx vertx, RedisNoticeLanes lanes, SmsSender sender, MessageStatusStore statuses,
                            CampaignRegistry campaigns, OptOuts optOuts, Clock clock, DispatchConfig config,
                            OtpGuard guard, String consumer, MeterRegistry registry) {
        this.vertx = vertx;
        this.lanes = lanes;
        this.sender = sender;
        this.statuses = statuses;
        this.campaigns = campaigns;
        this.optOuts = optOuts;
        this.clock = clock;
        this.config = config;
        this.guard = guard;
        this.consumer = consumer;
        this.registry = registry;
        this.takenOver = GatewayMetrics.possibleDuplicates(registry, GatewayMetrics.Duplicate.NOTICE_TAKEN_OVER);
    }

    public void start() {
        timers.add(vertx.setPeriodic(config.tick().toMillis(), id -> pump()));
        timers.add(vertx.setPeriodic(1000, id -> housekeeping()));
        timers.add(vertx.setPeriodic(Math.max(1000, config.reclaimIdle().toMillis() / 2), id -> reclaim()));
        housekeeping();
    }

    /** Dispatch rounds completed: tests wait on it instead of on time. */
    long rounds() {
        return rounds.get();
    }

    /** Notices handed to the carriers and not yet settled, on this instance. */
    public int inFlight() {
        return inFlight.get();
    }

    /** One round: fill the free in-flight budget, transactional first. Never overlaps itself. */
    void pump() {
        if (closed || !pumping.compareAndSet(false, true)) {
            return;
        }
        int free = guard.budget() - inFlight.get();
        if (free <= 0) {
            pumping.set(false);
            return;
        }
        int txQuota = Math.max(1, (int) Math.ceil(free * config.transactionalShare()));
        lanes.read(LaneKeys.TRANSACTIONAL, consumer, txQuota)
                .thenCompose(tx -> {
                    tx.forEach(this::process);
                    return pumpBulk(free - tx.size());
                })
                .whenComplete((v, e) -> {
                    if (e == null) {
                        roundFailures.succeeded();
                    } else if (!closed) {
                        roundFailures.failed(e);
                    }
                    rounds.incrementAndGet();
                    pumping.set(false);
                });
    }

    private CompletionStage<Void> pumpBulk(int budget) {
        Instant now = clock.instant();
        List<String> lanesNow = new ArrayList<>();
        if (!config.bulkQuietHours().isQuiet(now)) {
            lanesNow.add(ADHOC_LANE);
        }
        for (ActiveCampaign c : running) {
            if (!c.quietHours().isQuiet(now)) {
                lanesNow.add(LaneKeys.campaign(c.id()));
            }
        }
        if (budget <= 0 || lanesNow.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int share = Math.max(1, budget / lanesNow.size());
        List<CompletableFuture<?>> reads = new ArrayList<>();
        for (String lane : lanesNow) {
            boolean adhoc = lane.equals(ADHOC_LANE);
            Pace pace = adhoc ? null : paces.get(lane);
            int allowed = adhoc ? share : pace == null ? 0 : pace.take(share);
            if (allowed <= 0) {
                continue;
            }
            reads.add(lanes.read(lane, consumer, allowed).thenAccept(got -> {
                if (pace != null && got.size() < allowed) {
                    pace.giveBack(allowed - got.size());
                }
                got.forEach(this::process);
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    private void process(LaneRead read) {
        inFlight.incrementAndGet();
        processing.add(read.entryId());
        LaneMessage m = read.message();
        Instant now = clock.instant();
        CompletionStage<Void> done;
        if (!now.isBefore(m.validUntil())) {
            done = finish(read, MessageStatus.EXPIRED, "validity ended while queued", "expired");
        } else if (m.category() == Category.BULK) {
            done = optOuts.isOptedOut(m.to(), Category.BULK).thenCompose(out -> out
                    ? finish(read, MessageStatus.OPTED_OUT, "the number opted out of bulk notices", "opted_out")
                    : submit(read));
        } else {
            done = submit(read);
        }
        done.whenComplete((v, e) -> {
            inFlight.decrementAndGet();
            processing.remove(read.entryId());
            if (e == null) {
                settleFailures.succeeded();
            } else {
                settleFailures.failed(e); // its entry stays pending: taken over after the reclaim time
            }
        });
    }

    private CompletionStage<Void> submit(LaneRead read) {
        LaneMessage m = read.message();
        CompletionStage<?> recorded = m.campaignId().isPresent()
                ? statuses.queued(m, clock.instant()) : CompletableFuture.completedFuture(null);
        return recorded.thenCompose(r -> sender.submit(new OutboundSms(m.messageId(), m.to(), m.text(), m.validUntil(),
                false, m.unaccent()))).thenCompose(result -> onResult(read, result));
    }

    private CompletionStage<Void> onResult(LaneRead read, SubmitResult result) {
        LaneMessage m = read.message();
        return switch (result.status()) {
            case ACCEPTED, UNKNOWN -> tally(m, "submitted")
                    .thenCompose(v -> statuses.submitted(m.messageId(), m.to(), result, clock.instant()))
                    .thenCompose(v -> lanes.settle(read)).thenCompose(v -> completeIfDone(m));
            case EXPIRED -> finish(read, MessageStatus.EXPIRED, result.reason(), "expired");
            case REJECTED_PERMANENT -> deadLetter(read, "rejected: " + result.reason());
            case REJECTED_TEMPORARY -> m.attempt() + 1 >= config.maxAttempts()
                    ? deadLetter(read, "still refused after " + (m.attempt() + 1) + " tries: " + result.reason())
                    : lanes.retry(read, m.nextAttempt(), clock.instant().plus(backoff(m.attempt())));
        };
    }

    private CompletionStage<Void> deadLetter(LaneRead read, String reason) {
        LaneMessage m = read.message();
        Counter.builder("sms.dead_letters").description("Notices that will not be sent, by reason")
                .tag("reason", reason.startsWith("rejected") ? "rejected" : "retries_exhausted")
                .register(registry).increment();
        return lanes.deadLetter(read, reason).thenCompose(v -> finish(read, MessageStatus.FAILED, reason, "failed"));
    }

    private CompletionStage<Void> finish(LaneRead read, MessageStatus status, String reason, String campaignState) {
        LaneMessage m = read.message();
        return tally(m, campaignState)
                .thenCompose(v -> statuses.settle(m, status, reason, clock.instant()))
                .thenCompose(v -> lanes.settle(read))
                .thenCompose(v -> completeIfDone(m));
    }

    /**
     * Counts a campaign recipient's outcome. It comes first, before its status and before its entry is settled: an
     * instance that dies after it leaves a recipient that another instance either only settles (its status shows it
     * ended) or sends again and counts twice, never one that is not counted at all, which would keep the campaign
     * from completing. A crash can thus count a recipient twice (and send it twice: counted as a possible duplicate);
     * a campaign completes once its counts reach what was queued and its lane is empty.
     */
    private CompletionStage<Void> tally(LaneMessage m, String state) {
        return m.campaignId().isEmpty() ? CompletableFuture.completedFuture(null)
                : campaigns.count(m.campaignId().get(), state, 1);
    }

    private CompletionStage<Void> completeIfDone(LaneMessage m) {
        return m.campaignId().isEmpty() ? CompletableFuture.completedFuture(null)
                : campaigns.completeIfDone(m.campaignId().get()).thenApply(done -> null);
    }

    private Duration backoff(int attempt) {
        return config.retryBackoff().multipliedBy(1L << Math.min(attempt, 10));
    }

    /**
     * Every second: learn which campaigns run (and their pace), move due retries and scheduled notices into their
     * lanes, and complete campaigns that are done (a safety net: each settled recipient also asks).
     */
    private void housekeeping() {
        if (closed) {
            return;
        }
        campaigns.running().thenAccept(list -> {
            for (ActiveCampaign c : list) {
                paces.computeIfAbsent(LaneKeys.campaign(c.id()), k -> new Pace(clock, c.maxRate())).rate(c.maxRate());
            }
            running = List.copyOf(list); // only once every running campaign has its pace
            Instant now = clock.instant();
            for (String lane : allLanes()) {
                lanes.moveDue(lane, now, 1000);
            }
            list.forEach(c -> campaigns.completeIfDone(c.id()));
            housekeepingFailures.succeeded();
        }).exceptionally(e -> {
            housekeepingFailures.failed(e);
            return null;
        });
    }

    /** Takes over what dead instances read and never settled. */
    private void reclaim() {
        if (closed) {
            return;
        }
        for (String lane : allLanes()) {
            lanes.reclaim(lane, consumer, config.reclaimIdle(), 100)
                    .thenAccept(reads -> reads.forEach(this::takeOver))
                    .exceptionally(e -> null);
        }
    }

    /**
     * A notice another instance read and never settled: if its status shows it was submitted or ended (the holder
     * died between recording and settling; its campaign count was made before), it is only settled now; otherwise it is sent again, and counted as a
     * possible duplicate, since the holder may have submitted it without recording so.
     */
    private void takeOver(LaneRead read) {
        if (processing.contains(read.entryId())) {
            return; // ours, still on its way (slow carrier or Redis): the reclaim only reset its idle time
        }
        LaneMessage m = read.message();
        statuses.status(m.messageId()).thenCompose(status -> {
            if (status.isPresent() && status.get().rank() >= MessageStatus.SUBMITTED.rank()) {
                // Its outcome was counted before its status was written (see tally): only its entry is left.
                return lanes.settle(read).thenCompose(v -> completeIfDone(m));
            }
            takenOver.increment();
            process(read);
            return CompletableFuture.completedFuture(null);
        }).exceptionally(e -> {
            log.debug("taking over {} failed ({}); tried again after the reclaim time", m.messageId(), e.toString());
            return null;
        });
    }

    private List<String> allLanes() {
        List<String> all = new ArrayList<>();
        all.add(LaneKeys.TRANSACTIONAL);
        all.add(ADHOC_LANE);
        running.forEach(c -> all.add(LaneKeys.campaign(c.id())));
        return all;
    }

    /** The ids of the campaigns this instance last saw running. */
    public List<String> runningCampaigns() {
        return running.stream().map(ActiveCampaign::id).toList();
    }

    /** Lane names for gauges: transactional, and every bulk lane currently known. */
    public List<String> knownLanes() {
        return allLanes();
    }

    Optional<Pace> pace(String campaignId) {
        return Optional.ofNullable(paces.get(LaneKeys.campaign(campaignId)));
    }

    @Override
    public void close() {
        closed = true;
        timers.forEach(vertx::cancelTimer);
    }
}
