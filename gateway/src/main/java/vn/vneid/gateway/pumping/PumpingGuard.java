package vn.vneid.gateway.pumping;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.otp.VerifyOutcome;
import vn.vneid.smpp.Msisdn;

/**
 * The SMS-pumping guard: counts OTP issues and approvals per number prefix ({@link PumpingDetector}), holds a
 * prefix that looks pumped, and refuses issues to held prefixes. Holds live in Redis ({@link RedisPrefixHolds})
 * so that every instance refuses them; each instance keeps a copy that {@link #tick()} refreshes (every
 * {@code refreshEvery}), so the issue path makes no Redis call for it. A hold ends when its time is over (checked
 * against the clock on every issue) or when an operator releases it. One WARN is logged when a hold starts, one
 * INFO when it ends (by the instance that releases it or removes it once over). While Redis cannot be read, the
 * last known holds stay in force and one WARN says so. Thread-safe.
 */
public final class PumpingGuard {
    private static final Logger log = LoggerFactory.getLogger(PumpingGuard.class);
    private final PumpingGuardConfig config;
    private final PumpingDetector detector;
    private final RedisPrefixHolds store;
    private final Clock clock;
    private final PumpingMetrics metrics;
    private volatile Map<NumberPrefix, PrefixHold> holds = Map.of();
    /** Counts changes this instance made, so that a read sent before one does not undo it. */
    private long changes;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean storeDown = new AtomicBoolean();

    public PumpingGuard(PumpingGuardConfig config, RedisPrefixHolds store, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.detector = new PumpingDetector(config, clock);
        this.store = store;
        this.clock = clock;
        this.metrics = new PumpingMetrics(registry, prefix -> heldNow(prefix).isPresent());
    }

    public PumpingGuardConfig config() {
        return config;
    }

    /**
     * The refusal for an issue to {@code phone} while its prefix is held (429 {@code otp.prefix_held}, with
     * Retry-After until the hold ends), counted; empty when it may go. No Redis call.
     */
    public Optional<ProblemException> refusal(Msisdn phone) {
        Optional<PrefixHold> hold = heldNow(NumberPrefix.of(phone));
        hold.ifPresent(h -> {
            metrics.rejected();
            log.debug("otp issue refused: prefix {} held", h.prefix());
        });
        return hold.map(h -> h.refusal(clock.instant()));
    }

    /** An OTP was issued to {@code phone}. */
    public void issued(Msisdn phone) {
        NumberPrefix prefix = NumberPrefix.of(phone);
        metrics.seen(prefix);
        if (config.enabled()) {
            detector.issued(prefix);
        }
    }

    /** A verification ended; approvals count for the prefix the code was sent to. */
    public void verified(VerifyOutcome outcome) {
        if (config.enabled() && outcome.result() == VerifyOutcome.Result.APPROVED && !outcome.prefix().isEmpty()) {
            try {
                detector.verified(new NumberPrefix(outcome.prefix()));
            } catch (IllegalArgumentException notAPrefix) {
                log.debug("approved code with an unusable prefix record ignored");
            }
        }
    }

    /**
     * Judges the slices completed since the last tick, holds the prefixes that look pumped (unless already held),
     * then reads every instance's holds. Skipped while the previous tick is still waiting for Redis.
     */
    public CompletionStage<Void> tick() {
        if (!ticking.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = clock.instant();
        CompletionStage<Void> done = holdSuspects(now).thenCompose(ignored -> refresh(now)).thenApply(live -> null);
        return done.whenComplete((ignored, failure) -> {
            ticking.set(false);
            if (failure == null) {
                if (storeDown.compareAndSet(true, false)) {
                    log.atInfo().setMessage("prefix holds readable again")
                            .addKeyValue("event", "otp.prefix_hold.store_available").log();
                }
            } else if (storeDown.compareAndSet(false, true)) {
                log.atWarn().setMessage("prefix holds cannot be read or written; the last known holds stay in force")
                        .addKeyValue("event", "otp.prefix_hold.store_unavailable")
                        .addKeyValue("error", String.valueOf(cause(failure).getMessage())).log();
            }
        });
    }

    /** Every live hold, read from Redis (the copy of this instance is refreshed with it), by prefix. */
    public CompletionStage<List<PrefixHold>> list() {
        return refresh(clock.instant());
    }

    /** An operator holds {@code prefix} for {@code duration}, replacing any hold it had. */
    public CompletionStage<PrefixHold> hold(NumberPrefix prefix, Duration duration, String by) {
        Instant now = clock.instant();
        return store.put(PrefixHold.manual(prefix, now, duration, by), now, false).thenApply(put -> {
            started(put.hold());
            return put.hold();
        });
    }

    /** An operator ends the hold of {@code prefix}; completes with it, or empty when there was none live. */
    public CompletionStage<Optional<PrefixHold>> release(NumberPrefix prefix, String by) {
        return store.release(prefix, clock.instant()).thenApply(released -> {
            change(copy -> copy.remove(prefix));
            detector.forget(prefix);
            released.ifPresent(h -> log.atInfo().setMessage("prefix hold ended")
                    .addKeyValue("event", "otp.prefix_hold.ended").addKeyValue("prefix", h.prefix().digits())
                    .addKeyValue("reason", "released").addKeyValue("by", by).log());
            return released;
        });
    }

    private CompletionStage<Void> holdSuspects(Instant now) {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> puts = new ArrayList<>();
        detector.suspects().forEach((prefix, evidence) -> {
            if (heldNow(prefix).isEmpty()) {
                puts.add(store.put(PrefixHold.detected(prefix, now, config.holdFor(), evidence), now, true)
                        .thenAccept(put -> {
                            if (put.stored()) {
                                started(put.hold());
                            } else {
                                change(copy -> copy.put(prefix, put.hold()));
                                detector.forget(prefix);
                            }
                        }).toCompletableFuture());
            }
        });
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new));
    }

    /** A hold this instance stored: in force here at once, counted and logged. */
    private void started(PrefixHold hold) {
        change(copy -> copy.put(hold.prefix(), hold));
        detector.forget(hold.prefix());
        metrics.holdStarted(hold.prefix());
        var line = log.atWarn().setMessage("prefix hold started").addKeyValue("event", "otp.prefix_hold.started")
                .addKeyValue("prefix", hold.prefix().digits())
                .addKeyValue("source", hold.source().name().toLowerCase(Locale.ROOT))
                .addKeyValue("until", hold.until().toString());
        hold.by().ifPresent(by -> line.addKeyValue("by", by));
        hold.evidence().ifPresent(e -> line.addKeyValue("issues", e.issues())
                .addKeyValue("verified", e.verified()).addKeyValue("verifyRatio", e.verifyRatio())
                .addKeyValue("baseline", e.baseline()).addKeyValue("window", config.window().toString()));
        line.log();
    }

    private CompletionStage<List<PrefixHold>> refresh(Instant now) {
        long before;
        synchronized (this) {
            before = changes;
        }
        return store.read(now).thenApply(read -> {
            for (PrefixHold ended : read.ended()) {
                log.atInfo().setMessage("prefix hold ended").addKeyValue("event", "otp.prefix_hold.ended")
                        .addKeyValue("prefix", ended.prefix().digits()).addKeyValue("reason", "expired").log();
            }
            Map<NumberPrefix, PrefixHold> live = new HashMap<>();
            read.live().forEach(h -> live.put(h.prefix(), h));
            synchronized (this) {
                if (changes == before) {
                    live.keySet().stream().filter(p -> !holds.containsKey(p)).forEach(p -> {
                        detector.forget(p); // held by another instance: its evidence is spent here too
                        metrics.seen(p);
                    });
                    holds = Map.copyOf(live);
                }
            }
            return read.live().stream().sorted(Comparator.comparing(h -> h.prefix().digits())).toList();
        });
    }

    private synchronized void change(Consumer<Map<NumberPrefix, PrefixHold>> edit) {
        Map<NumberPrefix, PrefixHold> copy = new HashMap<>(holds);
        edit.accept(copy);
        holds = Map.copyOf(copy);
        changes++;
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    private Optional<PrefixHold> heldNow(NumberPrefix prefix) {
        PrefixHold hold = holds.get(prefix);
        return hold != null && hold.activeAt(clock.instant()) ? Optional.of(hold) : Optional.empty();
    }
}
