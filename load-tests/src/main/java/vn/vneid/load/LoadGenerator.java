package vn.vneid.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.vneid.load.LoadOptions.Scenario;
import vn.vneid.load.Workloads.Workload;

/**
 * An open-model load generator for the gateway: request {@code i} is due at {@code start + i / rate} whether or
 * not earlier ones were answered, and its latency is measured from that intended time, so a server that falls
 * behind shows its queueing in the percentiles instead of silently slowing the generator down (no coordinated
 * omission). A request due while {@code --max-in-flight} are outstanding is dropped and counted. Sending ends
 * with the last request of the schedule; the run then waits at most {@link #STRAGGLER_WAIT} for answers. Every request uses a fresh citizen ID and phone ({@link Identities}).
 *
 * <p>Scenarios ({@link Scenario}): {@code otp} issues, {@code verify} verifies the right codes of OTPs issued
 * before the run (read from the simulator), {@code notices} sends transactional notices, {@code mixed} issues
 * OTPs while a campaign runs. With {@code --sim-url}, the messages the SMSC simulator received give the
 * end-to-end latency ({@link EndToEnd}). Prints a summary (and a {@code RESULT} line for scripts), writes it as
 * JSON with {@code --json}. Exits 1 when errors exceed 1 % of the measured requests, 2 on a bad command line or
 * a failed setup.
 */
public final class LoadGenerator {
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long the run waits for accepted messages to reach the simulator (notices drain from durable lanes). */
    private static final Duration SMSC_WAIT = Duration.ofSeconds(30);
    private static final Duration CODES_WAIT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final double MAX_ERROR_RATIO = 0.01;
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final LoadOptions options;
    private final Setup setup;
    private long maxSendLagNanos;

    LoadGenerator(LoadOptions options) {
        this.options = options;
        this.setup = new Setup(options.url(), options.apiKey());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(new LoadGenerator(options).run(System.out));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the scenario, prints the summary, writes the JSON and returns the exit code. */
    int run(PrintStream out) throws Exception {
        ArrivalSchedule schedule = new ArrivalSchedule(options.rate(), options.warmup(), options.duration());
        long count = schedule.count();
        String purpose = options.purpose().name();
        Scenario scenario = options.scenario();
        Identities ids = new Identities(options.idOffset(), count,
                scenario == Scenario.NOTICES ? Identities.NOTICE_PREFIX : Identities.OTP_PREFIX);
        Identities recipients = scenario == Scenario.MIXED
                ? new Identities(options.idOffset(), options.recipients(), Identities.CAMPAIGN_PREFIX) : null;
        long nextOffset = ids.nextOffset(Math.max(count, recipients == null ? 0 : options.recipients()));
        out.printf(Locale.ROOT, "load: scenario %s against %s, %d/s, warmup %s + measured %s = %d requests, max in flight %d,"
                        + " %d connections, id offset %d%n", name(scenario), options.url(), options.rate(),
                text(options.warmup()), text(options.duration()), count, options.maxInFlight(), options.connections(),
                options.idOffset());
        JsonObject report = new JsonObject().put("scenario", name(scenario)).put("rate", options.rate())
                .put("warmupSeconds", options.warmup().toMillis() / 1000.0)
                .put("durationSeconds", options.duration().toMillis() / 1000.0)
                .put("connections", options.connections()).put("maxInFlight", options.maxInFlight())
                .put("machine", machine()).put("startedAt", Instant.now().toString());
        LoadResult warmup;
        LoadResult measured;
        AtomicIntegerArray answered = new AtomicIntegerArray((int) count);
        long startNanos;
        long startWallMicros;
        String campaignId = null;
        try (GatewayClient client = new GatewayClient(options.url(), options.apiKey(), options.connections())) {
            Workload workload = switch (scenario) {
                case OTP, MIXED -> Workloads.issue(client, purpose, ids);
                case VERIFY -> Workloads.verify(client, purpose, ids, codes(client, ids, count, purpose, out));
                case NOTICES -> Workloads.notices(client, ids);
            };
            if (recipients != null) {
                campaignId = startCampaign(recipients, out);
            }
            warmup = new LoadResult(workload.expectedStatus());
            measured = new LoadResult(workload.expectedStatus());
            AtomicInteger inFlight = new AtomicInteger();
            startWallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            startNanos = System.nanoTime();
            send(client, workload, schedule, startNanos, inFlight, warmup, measured, answered);
            waitFor(() -> inFlight.get() == 0, STRAGGLER_WAIT);
            warmup.finish();
            measured.finish();
        }
        double achieved = measured.acceptedPerSecond(startNanos + schedule.warmupNanos(), startNanos + schedule.totalNanos());
        out.printf(Locale.ROOT, "warmup:     %s%n", warmup.brief());
        out.printf(Locale.ROOT, "generator:  max send lag %.2f ms behind schedule%n", maxSendLagNanos / 1e6);
        measured.print(out, options.rate(), achieved, nextOffset);
        report.put("measured", measured.json(achieved)).put("nextIdOffset", nextOffset);
        if (options.simUrl().isPresent() && scenario != Scenario.VERIFY) {
            EndToEnd e2e = endToEnd(ids, schedule, answered, startWallMicros, warmup.accepted() + measured.accepted());
            e2e.print(out, scenario == Scenario.NOTICES ? "notices" : "OTP SMS");
            report.put("endToEnd", e2e.json());
        }
        if (campaignId != null) {
            report.put("campaign", campaignDuring(campaignId, recipients, startWallMicros, schedule, out));
        }
        boolean ok = measured.errorRatio() <= MAX_ERROR_RATIO;
        out.println(ok ? "OK: errors within 1 %" : "FAIL: errors above 1 % of measured requests");
        report.put("ok", ok);
        if (options.json().isPresent()) {
            Files.writeString(options.json().get(), report.encodePrettily());
            out.println("json:       " + options.json().get());
        }
        return ok ? 0 : 1;
    }

    /** Sends every request of the schedule at its time, or as soon after as it can. */
    private void send(GatewayClient client, Workload workload, ArrivalSchedule schedule, long start, AtomicInteger inFlight,
                      LoadResult warmup, LoadResult measured, AtomicIntegerArray answered) {
        long next = 0;
        while (next < schedule.count()) {
            long now = System.nanoTime();
            // Every request is due before the deadline, so one that wakes us late is sent late, never skipped:
            // its latency still counts from its intended time.
            for (long due = schedule.dueAt(Math.min(now - start, schedule.totalNanos())); next < due; next++) {
                long intended = start + schedule.offsetNanos(next);
                maxSendLagNanos = Math.max(maxSendLagNanos, now - intended);
                boolean isWarmup = schedule.isWarmup(next);
                LoadResult result = isWarmup ? warmup : measured;
                if (inFlight.get() >= options.maxInFlight()) {
                    result.onDropped();
                    continue;
                }
                inFlight.incrementAndGet();
                result.onSent();
                int index = (int) next;
                client.send(workload.request(), workload.body().apply(next)).onComplete(answer -> {
                    long answeredAt = System.nanoTime();
                    if (answer.succeeded()) {
                        result.onResponse(answer.result(), intended, answeredAt);
                        if (answer.result() == workload.expectedStatus()) {
                            answered.set(index, isWarmup ? 1 : 2);
                        }
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
    }

    /** Issues the OTPs a verify run needs (unmeasured) and reads their codes from the simulator. */
    private String[] codes(GatewayClient client, Identities ids, long count, String purpose, PrintStream out)
            throws IOException, InterruptedException {
        URI sim = options.simUrl().orElseThrow();
        long before = setup.simulatorReceived(sim);
        long began = System.nanoTime();
        Setup.issueAll(client, ids, count, purpose);
        waitForSimulator(sim, before + count, CODES_WAIT);
        JsonArray messages = setup.simulatorMessages(sim, ids.phonePrefix(), count);
        String[] codes = new String[(int) count];
        long found = 0;
        for (int m = 0; m < messages.size(); m++) {
            JsonObject sms = messages.getJsonObject(m);
            long i = ids.indexOf(sms.getString("to"));
            Matcher code = CODE.matcher(sms.getString("text"));
            if (i >= 0 && i < count && codes[(int) i] == null && code.find()) {
                codes[(int) i] = code.group(1);
                found++;
            }
        }
        if (found < count) {
            throw new IllegalStateException("setup: the simulator holds codes for " + found + " of " + count + " OTPs");
        }
        out.printf(Locale.ROOT, "setup:      %d OTPs issued and their codes read in %.1f s%n", count,
                (System.nanoTime() - began) / 1e9);
        // Their receipts come back a second later and cost the gateway CPU: let them land before measuring.
        long settled = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() - settled < 0) {
            LockSupport.parkNanos(settled - System.nanoTime());
        }
        return codes;
    }

    private String startCampaign(Identities recipients, PrintStream out) throws IOException, InterruptedException {
        long began = System.nanoTime();
        String id = setup.createCampaign("load-" + Instant.now().getEpochSecond(), options.campaignRate());
        long queued = setup.upload(id, recipients, options.recipients());
        setup.start(id);
        out.printf(Locale.ROOT, "setup:      campaign %s, %d recipients queued, maxRate %d/s, started after %.1f s%n",
                id, queued, options.campaignRate(), (System.nanoTime() - began) / 1e9);
        return id;
    }

    /** Waits (bounded) for the accepted messages to reach the simulator, then matches them to requests. */
    private EndToEnd endToEnd(Identities ids, ArrivalSchedule schedule, AtomicIntegerArray answered, long startWallMicros,
                              long accepted) throws IOException, InterruptedException {
        URI sim = options.simUrl().orElseThrow();
        long measuredAccepted = 0;
        for (int i = 0; i < answered.length(); i++) {
            measuredAccepted += answered.get(i) == 2 ? 1 : 0;
        }
        JsonArray messages = waitForMessages(sim, ids, answered.length(), accepted);
        return new EndToEnd(messages, ids, i -> i < answered.length() && answered.get((int) i) == 2,
                i -> startWallMicros + schedule.offsetNanos(i) / 1000, measuredAccepted);
    }

    /** The campaign's SMS that reached the simulator during the measured window, then cancels the campaign. */
    private JsonObject campaignDuring(String id, Identities recipients, long startWallMicros, ArrivalSchedule schedule,
                                      PrintStream out) throws IOException, InterruptedException {
        long from = startWallMicros + schedule.warmupNanos() / 1000;
        long to = startWallMicros + schedule.totalNanos() / 1000;
        JsonArray messages = setup.simulatorMessages(options.simUrl().orElseThrow(), recipients.phonePrefix(),
                options.recipients());
        long during = 0;
        for (int m = 0; m < messages.size(); m++) {
            JsonObject sms = messages.getJsonObject(m);
            long at = sms.getLong("receivedAtMicros");
            if (recipients.indexOf(sms.getString("to")) >= 0 && at >= from && at < to) {
                during++;
            }
        }
        double perSecond = during * 1e6 / (to - from);
        JsonObject state = setup.campaign(id);
        out.printf(Locale.ROOT, "campaign:   %.1f SMS/s at the SMSC during the measured window (maxRate %d/s), state %s%n",
                perSecond, options.campaignRate(), state.getString("state"));
        if ("RUNNING".equals(state.getString("state")) || "PAUSED".equals(state.getString("state"))) {
            setup.cancel(id);
        }
        return new JsonObject().put("id", id).put("maxRate", options.campaignRate())
                .put("atSmscPerSecondDuringRun", LoadResult.round(perSecond)).put("totals", state.getValue("totals"));
    }

    /**
     * The simulator's newest messages to {@code ids}' prefix, once {@code accepted} of them are this run's (or after
     * {@link #SMSC_WAIT}). Twice as many are read: an earlier run's notices may still be arriving in between.
     */
    private JsonArray waitForMessages(URI sim, Identities ids, long runSize, long accepted)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SMSC_WAIT.toNanos();
        while (true) {
            JsonArray messages = setup.simulatorMessages(sim, ids.phonePrefix(), Math.max(1, 2 * accepted));
            long ours = 0;
            for (int m = 0; m < messages.size(); m++) {
                long i = ids.indexOf(messages.getJsonObject(m).getString("to"));
                ours += i >= 0 && i < runSize ? 1 : 0;
            }
            if (ours >= accepted || System.nanoTime() - deadline >= 0) {
                return messages;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private void waitForSimulator(URI sim, long total, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (setup.simulatorReceived(sim) < total) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("setup: the simulator received fewer than " + total + " messages in " + timeout);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static JsonObject machine() {
        return new JsonObject().put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version")).put("os", System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"));
    }

    private static String name(Scenario scenario) {
        return scenario.name().toLowerCase(Locale.ROOT);
    }

    /** {@code 20s}, {@code 0.5s}, {@code 2m}: a duration as the command line wrote it. */
    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** Waits until {@code done}, or {@code timeout} has passed. */
    private static void waitFor(java.util.function.BooleanSupplier done, Duration timeout) {
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() - giveUpAt < 0) {
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
