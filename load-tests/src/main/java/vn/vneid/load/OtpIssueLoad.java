package vn.vneid.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load generator for {@code POST /v1/otp}: request {@code i} is due at
 * {@code start + i / rate} whether or not earlier ones were answered, and its latency is measured from that
 * intended time, so a server that falls behind shows its queueing in the percentiles instead of silently
 * slowing the generator down (no coordinated omission). A request due while {@code --max-in-flight} are
 * outstanding, or still unsent at the deadline, is dropped and counted. Sending stops at the deadline; the
 * run then waits at most {@link #STRAGGLER_WAIT} for answers. Every request uses a fresh citizen ID and phone
 * ({@link Identities}). Exits 1 when errors exceed 1 % of the measured requests, 2 on a bad command line.
 */
public final class OtpIssueLoad {
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(10);
    private static final Duration STRAGGLER_POLL = Duration.ofMillis(20);
    private static final double MAX_ERROR_RATIO = 0.01;

    private final LoadOptions options;
    private long maxSendLagNanos;

    OtpIssueLoad(LoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        OtpIssueLoad load;
        ArrivalSchedule schedule;
        Identities identities;
        try {
            LoadOptions options = LoadOptions.parse(args);
            schedule = new ArrivalSchedule(options.rate(), options.warmup(), options.duration());
            identities = new Identities(options.idOffset(), schedule.count());
            load = new OtpIssueLoad(options);
        } catch (IllegalArgumentException e) {
            System.err.println("OtpIssueLoad: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(load.run(schedule, identities, System.out));
    }

    /** Runs the schedule, prints the summary and returns the exit code. */
    int run(ArrivalSchedule schedule, Identities identities, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "OTP issue load: POST %s/v1/otp purpose %s, %d/s, warmup %s + measured %s = %d requests,"
                        + " max in flight %d, %d connections, id offset %d%n", options.url(), options.purpose(),
                options.rate(), text(options.warmup()), text(options.duration()), schedule.count(), options.maxInFlight(),
                options.connections(), options.idOffset());
        LoadResult warmup = new LoadResult();
        LoadResult measured = new LoadResult();
        long start;
        try (OtpIssueClient client = new OtpIssueClient(options.url(), options.apiKey(), options.purpose(),
                options.connections())) {
            AtomicInteger inFlight = new AtomicInteger();
            start = System.nanoTime();
            long next = send(client, schedule, identities, start, inFlight, warmup, measured);
            for (; next < schedule.count(); next++) {
                (schedule.isWarmup(next) ? warmup : measured).onDropped();
            }
            waitForStragglers(inFlight);
            warmup.finish();
            measured.finish();
        }
        double achieved = measured.acceptedPerSecond(start + schedule.warmupNanos(), start + schedule.totalNanos());
        out.printf(Locale.ROOT, "warmup:     %s%n", warmup.brief());
        out.printf(Locale.ROOT, "generator:  max send lag %.2f ms behind schedule%n", maxSendLagNanos / 1e6);
        measured.print(out, options.rate(), achieved, identities.nextOffset(schedule.count()));
        boolean ok = measured.errorRatio() <= MAX_ERROR_RATIO;
        out.println(ok ? "OK: errors within 1 %" : "FAIL: errors above 1 % of measured requests");
        return ok ? 0 : 1;
    }

    /** Sends every request that falls due before the deadline; returns the index of the first unsent one. */
    private long send(OtpIssueClient client, ArrivalSchedule schedule, Identities identities, long start,
                      AtomicInteger inFlight, LoadResult warmup, LoadResult measured) {
        long deadline = start + schedule.totalNanos();
        long next = 0;
        while (next < schedule.count()) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                break;
            }
            for (long due = schedule.dueAt(now - start); next < due; next++) {
                long intended = start + schedule.offsetNanos(next);
                maxSendLagNanos = Math.max(maxSendLagNanos, now - intended);
                LoadResult result = schedule.isWarmup(next) ? warmup : measured;
                if (inFlight.get() >= options.maxInFlight()) {
                    result.onDropped();
                    continue;
                }
                inFlight.incrementAndGet();
                result.onSent();
                client.issue(identities.citizenId(next), identities.phone(next)).onComplete(answer -> {
                    long answeredAt = System.nanoTime();
                    if (answer.succeeded()) {
                        result.onResponse(answer.result(), intended, answeredAt);
                    } else {
                        result.onFailure(answer.cause());
                    }
                    inFlight.decrementAndGet();
                });
            }
            if (next < schedule.count()) {
                LockSupport.parkNanos(start + schedule.offsetNanos(next) - System.nanoTime());
            }
        }
        return next;
    }

    /** {@code 20s}, {@code 0.5s}, {@code 2m}: a duration as the command line wrote it. */
    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** Waits until nothing is in flight, or {@link #STRAGGLER_WAIT} has passed. */
    private static void waitForStragglers(AtomicInteger inFlight) {
        long giveUpAt = System.nanoTime() + STRAGGLER_WAIT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - giveUpAt < 0) {
            LockSupport.parkNanos(STRAGGLER_POLL.toNanos());
        }
    }
}
