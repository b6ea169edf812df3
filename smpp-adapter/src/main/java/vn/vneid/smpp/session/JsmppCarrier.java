package vn.vneid.smpp.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.SmsSender;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.encoding.EncodedSms;
import vn.vneid.smpp.encoding.SmsEncoder;
import vn.vneid.smpp.internal.SmppEventLoops;

/**
 * One carrier route: {@code binds} SMPP sessions (transceiver or transmitter) on Netty event loops shared by
 * every carrier of the process ({@link SmppEventLoops}), jSMPP's codec for every PDU, each bind with a window of
 * {@code window} submit_sm in flight ({@link SubmitWindow}) filled from one shared priority queue, a
 * carrier-wide adaptive throughput limit ({@link AdaptiveRate}: AIMD under the configured tps), enquire_link and
 * reconnect with back-off and jitter ({@link CarrierBind}), and delivery receipts handed to the
 * {@link ReceiptListener} and acknowledged once it has them safe ({@link CarrierReceipts}). No thread waits for
 * the SMSC: the number of threads depends neither on the window nor on the binds.
 *
 * <pre>{@code
 * JsmppCarrier carrier = new JsmppCarrier(config, receiptListener, meterRegistry, Clock.systemUTC());
 * carrier.start();                                    // returns at once; binds in the background
 * carrier.awaitBound().get(10, TimeUnit.SECONDS);     // optional: wait for the first bind
 * carrier.submit(sms).thenAccept(result -> ...);      // completes on an SMPP event loop: do not block there
 * carrier.close();                                    // bounded: 5 s grace for in-flight submits
 * }</pre>
 *
 * Messages submitted before the first bind, while every bind is down, or waiting to be retried after a
 * throttling or temporary refusal stay queued until they can be sent or their {@code validUntil} passes (then
 * they complete {@link Status#EXPIRED}); nothing is dropped. At most binds × window submit_sm are unanswered
 * at any time. The name stays for the gateway that builds it: jSMPP is still its PDU codec.
 */
public final class JsmppCarrier implements SmsSender {
    private static final Logger log = LoggerFactory.getLogger(JsmppCarrier.class);
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(5);
    private static final long EXPIRY_SWEEP_MS = 100;
    private static final String CLOSING = "closing";

    private final CarrierConfig config;
    private final ReceiptListener receiptListener;
    private final Clock clock;
    private final CarrierMetrics metrics;
    private final SubmitQueue queue = new SubmitQueue();
    private final AdaptiveRate rate;
    /** Set once by {@link #start()}; empty before. */
    private volatile List<CarrierBind> binds = List.of();
    private final Outcomes outcomes;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger concatReference = new AtomicInteger();
    private final CompletableFuture<Void> firstBound = new CompletableFuture<>();
    private final RateDecreaseLog rateLog;
    private final CarrierReceipts receipts;
    private final CarrierBind.Events bindEvents;
    private EventLoopGroup loops;
    private ScheduledFuture<?> expirySweep;
    private volatile boolean started;
    private volatile boolean closing;

    public JsmppCarrier(CarrierConfig config, ReceiptListener receiptListener, MeterRegistry registry, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.receiptListener = Objects.requireNonNull(receiptListener, "receiptListener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rate = new AdaptiveRate(config.tps(), System::nanoTime);
        this.rateLog = new RateDecreaseLog(config.name(), config.tps(), rate, System::nanoTime);
        this.metrics = new CarrierMetrics(config.name(), Objects.requireNonNull(registry, "registry"), rate);
        metrics.registerQueue(config.name(), registry, queue);
        this.outcomes = new Outcomes(config.name(), metrics);
        this.receipts = new CarrierReceipts(config, receiptListener, metrics);
        this.bindEvents = new CarrierBind.Events() {
            @Override
            public void bound(CarrierBind bind) {
                metrics.sessionsBound.incrementAndGet();
                firstBound.complete(null);
            }

            @Override
            public void unbound(CarrierBind bind) {
                metrics.sessionsBound.decrementAndGet();
            }
        };
    }

    /** Starts binding, each bind on an event loop of the shared group; returns at once. */
    public synchronized void start() {
        if (started || closing) {
            return;
        }
        started = true;
        loops = SmppEventLoops.acquire();
        List<CarrierBind> created = new ArrayList<>();
        for (int b = 0; b < config.binds(); b++) {
            created.add(new CarrierBind(b, this, loops.next(), receipts.receiver(), bindEvents));
        }
        binds = List.copyOf(created);
        binds.forEach(CarrierBind::start);
        expirySweep = binds.get(0).loop().scheduleWithFixedDelay(this::expireQueued, EXPIRY_SWEEP_MS, EXPIRY_SWEEP_MS,
                TimeUnit.MILLISECONDS);
        log.info("carrier {} starting on {} ({} event loop thread(s) shared by every carrier): {}", config.name(),
                SmppEventLoops.transport(), SmppEventLoops.THREADS, config);
    }

    /** Completes when the first session is bound (never completes exceptionally; combine with a timeout). */
    public CompletableFuture<Void> awaitBound() {
        return firstBound.copy();
    }

    @Override
    public CompletionStage<SubmitResult> submit(OutboundSms sms) {
        Objects.requireNonNull(sms, "sms");
        if (closing) {
            return outcomes.answerNow(Status.REJECTED_TEMPORARY, 0, CLOSING);
        }
        EncodedSms encoded;
        try {
            encoded = encode(sms);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return outcomes.answerNow(Status.REJECTED_PERMANENT, 0, e.getMessage());
        }
        return submit(sms, encoded);
    }

    private EncodedSms encode(OutboundSms sms) {
        int reference = concatReference.getAndIncrement() & 0xFFFF;
        return SmsEncoder.encode(sms.text(), reference, config.longMessages(), sms.unaccent());
    }

    /** Queues an already encoded message; tests use it to send what the encoder cannot make yet. */
    CompletionStage<SubmitResult> submit(OutboundSms sms, EncodedSms encoded) {
        if (closing) {
            return outcomes.answerNow(Status.REJECTED_TEMPORARY, 0, CLOSING);
        }
        SubmitJob job = new SubmitJob(sms, encoded, sequence.getAndIncrement());
        if (isExpired(job)) {
            return outcomes.answerNow(Status.EXPIRED, encoded.segmentCount(), "validity ended before it could be submitted");
        }
        outcomes.track(job);
        queue.add(job);
        if (closing) {
            // close() may have drained the queue just before we added to it.
            outcomes.finish(job, Status.REJECTED_TEMPORARY, 0, CLOSING);
        }
        wakeBinds();
        return job.future.minimalCompletionStage();
    }

    @Override
    public boolean isAvailable() {
        return !closing && binds.stream().anyMatch(CarrierBind::isBound);
    }

    @Override
    public int pending() {
        return outcomes.pending();
    }

    public String name() {
        return config.name();
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Stops taking work (new and still-queued messages complete REJECTED_TEMPORARY "closing", so the caller may
     * send them elsewhere), waits up to {@code grace} for submits in flight to be answered, unbinds (each bounded
     * by the response timeout), and completes anything left: UNKNOWN if part of it may have reached the SMSC,
     * else "closing". Called on an SMPP event loop (it should not be), it waits for nothing.
     */
    public void close(Duration grace) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        queue.drain().forEach(outcomes::finishClosing);
        boolean mayWait = binds.stream().noneMatch(b -> b.loop().inEventLoop());
        try {
            if (mayWait) {
                outcomes.awaitNone(grace);
            }
            CompletableFuture<?>[] unbound = binds.stream().map(CarrierBind::close).toArray(CompletableFuture[]::new);
            if (mayWait) {
                CompletableFuture.allOf(unbound).get(config.responseTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("carrier {}: unbind did not finish cleanly ({}); closing anyway", config.name(), e.toString());
        }
        if (expirySweep != null) {
            expirySweep.cancel(false);
        }
        queue.drain().forEach(outcomes::finishClosing);
        outcomes.unfinished().forEach(outcomes::finishClosing);
        if (loops != null) {
            SmppEventLoops.release();
        }
        log.info("carrier {} closed", config.name());
    }

    // --- for CarrierBind and SubmitWindow ---

    /** Puts {@code job} back to be sent again after {@code delayMs}, without holding a sender meanwhile. */
    void retryLater(SubmitJob job, long delayMs) {
        if (closing) {
            outcomes.finishClosing(job);
            return;
        }
        if (delayMs <= 0) {
            queue.add(job);
            wakeBinds();
        } else {
            queue.retryAt(job, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs));
            binds.get(0).loop().schedule(this::wakeBinds, delayMs, TimeUnit.MILLISECONDS);
        }
        if (closing) {
            outcomes.finishClosing(job);   // close() may have drained the queue just before we added to it
        }
    }

    /** The SMSC answered a submit sent at {@code sentAtNanos} without throttling it. */
    void onAnswered(long sentAtNanos) {
        rate.onAnswered(sentAtNanos).ifPresent(rateLog::decreased);
    }

    /** The SMSC answered a submit sent at {@code sentAtNanos} with ESME_RTHROTTLED or ESME_RMSGQFUL. */
    void onThrottled(long sentAtNanos) {
        rate.onThrottled(sentAtNanos).ifPresent(rateLog::decreased);
    }

    boolean isExpired(SubmitJob job) {
        return !clock.instant().isBefore(job.sms.validUntil());
    }

    boolean isClosing() {
        return closing;
    }

    SubmitQueue queue() {
        return queue;
    }

    AdaptiveRate rate() {
        return rate;
    }

    CarrierConfig config() {
        return config;
    }

    /** Bind attempts of every bind since start. */
    int bindAttempts() {
        return binds.stream().mapToInt(CarrierBind::attempts).sum();
    }

    Outcomes outcomes() {
        return outcomes;
    }

    CarrierMetrics metrics() {
        return metrics;
    }

    String sourceAddress() {
        return config.sourceAddress();
    }

    /** Tells every bind's window that work may be waiting. */
    private void wakeBinds() {
        for (CarrierBind bind : binds) {
            bind.window().wake();
        }
    }

    private void expireQueued() {
        queue.removeExpired(clock.instant()).forEach(outcomes::expire);
    }

}
