package vn.vneid.smpp.session;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

/**
 * One carrier route over jSMPP: {@code binds} sessions (transceiver or transmitter), each with {@code window}
 * sender threads ({@link SubmitWorker}) taking from one shared priority queue, a carrier-wide adaptive
 * throughput limit ({@link AdaptiveRate}: AIMD under the configured tps), enquire_link and reconnect with
 * back-off and jitter ({@link CarrierBind}), and delivery receipts handed to the {@link ReceiptListener} and
 * acknowledged once it has them safe ({@link CarrierReceipts}).
 *
 * <pre>{@code
 * JsmppCarrier carrier = new JsmppCarrier(config, receiptListener, meterRegistry, Clock.systemUTC());
 * carrier.start();                                    // returns at once; binds in the background
 * carrier.awaitBound().get(10, TimeUnit.SECONDS);     // optional: wait for the first bind
 * carrier.submit(sms).thenAccept(result -> ...);
 * carrier.close();                                    // bounded: 5 s grace for in-flight submits
 * }</pre>
 *
 * Messages submitted before the first bind, while every bind is down, or waiting to be retried after a
 * throttling or temporary refusal stay queued until they can be sent or their {@code validUntil} passes (then
 * they complete {@link Status#EXPIRED}); nothing is dropped. At most binds × window submit_sm are unanswered
 * at any time. All threads are daemons.
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
    private final ScheduledExecutorService scheduler;
    private final List<CarrierBind> binds = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Outcomes outcomes;
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger concatReference = new AtomicInteger();
    private final CompletableFuture<Void> firstBound = new CompletableFuture<>();
    private final RateDecreaseLog rateLog;
    private final CarrierReceipts receipts;
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
        AtomicInteger threadNumber = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(Math.min(config.binds(), 4) + 1, r -> daemon(r,
                "smpp-" + config.name() + "-bind-" + threadNumber.incrementAndGet()));
        this.receipts = new CarrierReceipts(config, receiptListener, metrics);
        CarrierBind.Events events = new CarrierBind.Events() {
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
        for (int i = 0; i < config.binds(); i++) {
            binds.add(new CarrierBind(i, config, scheduler, receipts.receiver(), events));
        }
    }

    /** Starts binding and the sender threads; returns at once. */
    public synchronized void start() {
        if (started || closing) {
            return;
        }
        started = true;
        for (int b = 0; b < binds.size(); b++) {
            CarrierBind bind = binds.get(b);
            for (int w = 0; w < config.window(); w++) {
                Thread t = daemon(new SubmitWorker(this, bind), "smpp-" + config.name() + "-b" + b + "-w" + w);
                workers.add(t);
                t.start();
            }
            bind.start();
        }
        scheduler.scheduleWithFixedDelay(this::expireQueued, EXPIRY_SWEEP_MS, EXPIRY_SWEEP_MS, TimeUnit.MILLISECONDS);
        log.info("carrier {} starting: {}", config.name(), config);
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
     * send them elsewhere), waits up to {@code grace} for submits in flight to be answered, unbinds, stops every
     * thread, and completes anything left: UNKNOWN if part of it may have reached the SMSC, else "closing".
     */
    public void close(Duration grace) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        queue.drain().forEach(outcomes::finishClosing);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (busyWorkers.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        binds.forEach(CarrierBind::close);
        receipts.close();
        workers.forEach(Thread::interrupt);
        scheduler.shutdownNow();
        for (Thread worker : workers) {
            try {
                worker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.drain().forEach(outcomes::finishClosing);
        outcomes.unfinished().forEach(outcomes::finishClosing);
        log.info("carrier {} closed", config.name());
    }

    // --- for SubmitWorker ---

    /** Puts {@code job} back to be sent again after {@code delayMs}, without holding a sender meanwhile. */
    void retryLater(SubmitJob job, long delayMs) {
        if (closing) {
            outcomes.finishClosing(job);
            return;
        }
        if (delayMs <= 0) {
            queue.add(job);
        } else {
            queue.retryAt(job, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs));
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

    AtomicInteger busyWorkers() {
        return busyWorkers;
    }

    String sourceAddress() {
        return config.sourceAddress();
    }

    private void expireQueued() {
        queue.removeExpired(clock.instant()).forEach(outcomes::expire);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
