package vn.vneid.load;

import io.vertx.core.Future;
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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
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
 * OTPs while a campaign runs, {@code overload} sends a mix of request classes and tells shed answers from errors
 * ({@link OverloadRun}); {@code closed-notices}, {@code closed-otp} and {@code closed-get} are closed loops shaped
 * like a Kannel {@code sendsms} load, for comparing CPU per message ({@link ClosedRun}). With {@code --sim-url}, the messages the SMSC simulator received give the
 * end-to-end latency ({@link EndToEnd}). Prints a summary (and a {@code RESULT} line for scripts), writes it as
 * JSON with {@code --json}. Exits 1 when errors exceed 1 % of the measured requests, 2 on a bad command line or
 * a failed setup.
 */
public final class LoadGenerator {
    /** How long a run waits for the answers still outstanding when the last request is sent. */
    static final Duration STRAGGLER_WAIT = Duration.ofSeconds(10);
    /** How long the run waits for accepted messages to reach the simulator (notices drain from durable lanes). */
    private static final Duration SMSC_WAIT = Duration.ofSeconds(30);
    private static final double MAX_ERROR_RATIO = 0.01;

    private final LoadOptions options;
    private final Setup setup;

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
        if (options.scenario().isClosed()) {
            JsonObject report = new JsonObject().put("scenario", options.scenario().text())
                    .put("connections", options.connections()).put("machine", machine())
                    .put("startedAt", Instant.now().toString());
            boolean ok = new ClosedRun(options, setup).run(out, report);
            return finish(out, report, ok, ok ? "OK: errors within 1 %, every accepted message at the SMSC (and its receipt"
                    + " counted, when waited for)" : "FAIL: errors above 1 % of the requests, or the run did not complete");
        }
        ArrivalSchedule schedule = new ArrivalSchedule(options.rate(), options.warmup(), options.duration());
        long count = schedule.count();
        Scenario scenario = options.scenario();
        Identities ids = new Identities(options.idOffset(), count,
                scenario == Scenario.NOTICES ? Identities.NOTICE_PREFIX : Identities.OTP_PREFIX);
        Identities recipients = scenario == Scenario.MIXED
                ? new Identities(options.idOffset(), options.recipients(), Identities.CAMPAIGN_PREFIX) : null;
        long nextOffset = ids.nextOffset(Math.max(count, recipients == null ? 0 : options.recipients()));
        out.printf(Locale.ROOT, "load: scenario %s against %s, %d/s, warmup %s + measured %s = %d requests, max in flight %d,"
                        + " %d connections, id offset %d%n", scenario.text(), options.url(), options.rate(),
                text(options.warmup()), text(options.duration()), count, options.maxInFlight(), options.connections(),
                options.idOffset());
        JsonObject report = new JsonObject().put("scenario", scenario.text()).put("rate", options.rate())
                .put("warmupSeconds", options.warmup().toMillis() / 1000.0)
                .put("durationSeconds", options.duration().toMillis() / 1000.0)
                .put("connections", options.connections()).put("maxInFlight", options.maxInFlight())
                .put("machine", machine()).put("startedAt", Instant.now().toString());
        double errorRatio = scenario == Scenario.OVERLOAD
                ? new OverloadRun(options, setup, schedule).run(out, report, nextOffset)
                : runOne(schedule, ids, recipients, out, report, nextOffset);
        boolean ok = errorRatio <= MAX_ERROR_RATIO;
        return finish(out, report, ok, ok ? "OK: errors within 1 %" : "FAIL: errors above 1 % of measured requests");
    }

    /** Prints the verdict, writes the JSON report; the exit code. */
    private int finish(PrintStream out, JsonObject report, boolean ok, String verdict) throws IOException {
        out.println(verdict);
        report.put("ok", ok);
        if (options.json().isPresent()) {
            Files.writeString(options.json().get(), report.encodePrettily());
            out.println("json:       " + options.json().get());
        }
        return ok ? 0 : 1;
    }

    /** One workload at the rate (every scenario but overload); returns the measured error ratio. */
    private double runOne(ArrivalSchedule schedule, Identities ids, Identities recipients, PrintStream out,
                          JsonObject report, long nextOffset) throws Exception {
        long count = schedule.count();
        String purpose = options.purpose().name();
        Scenario scenario = options.scenario();
        LoadResult warmup;
        LoadResult measured;
        AtomicIntegerArray answered = new AtomicIntegerArray((int) count);
        OpenLoop loop = new OpenLoop(schedule, options.maxInFlight());
        long startNanos;
        long startWallMicros;
        String campaignId = null;
        try (GatewayClient client = new GatewayClient(options.url(), options.apiKey(), options.connections())) {
            Workload workload = switch (scenario) {
                case OTP, MIXED -> Workloads.issue(client, purpose, ids);
                case VERIFY -> Workloads.verify(client, purpose, ids,
                        setup.codes(client, options.simUrl().orElseThrow(), ids, count, purpose, out));
                case NOTICES -> Workloads.notices(client, ids);
                case OVERLOAD, CLOSED_NOTICES, CLOSED_OTP, CLOSED_GET ->
                        throw new IllegalStateException(scenario.text() + " is not an open-model single workload");
            };
            if (recipients != null) {
                campaignId = startCampaign(recipients, out);
            }
            warmup = new LoadResult(workload.expectedStatus());
            measured = new LoadResult(workload.expectedStatus());
            startWallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            startNanos = System.nanoTime();
            loop.run(startNanos, new OpenLoop.Requests() {
                @Override
                public LoadResult resultFor(long i, boolean isWarmup) {
                    return isWarmup ? warmup : measured;
                }

                @Override
                public Future<?> send(long i, long intended, LoadResult result) {
                    return client.send(workload.request(), workload.body().apply(i)).andThen(answer -> {
                        long answeredAt = System.nanoTime();
                        if (answer.succeeded()) {
                            result.onResponse(answer.result(), intended, answeredAt);
                            if (answer.result() == workload.expectedStatus()) {
                                answered.set((int) i, result == warmup ? 1 : 2);
                            }
                        } else {
                            result.onFailure(answer.cause());
                        }
                    });
                }
            });
            loop.awaitAnswers(STRAGGLER_WAIT);
            warmup.finish();
            measured.finish();
        }
        double achieved = measured.acceptedPerSecond(startNanos + schedule.warmupNanos(), startNanos + schedule.totalNanos());
        out.printf(Locale.ROOT, "warmup:     %s%n", warmup.brief());
        out.printf(Locale.ROOT, "generator:  max send lag %.2f ms behind schedule%n", loop.maxSendLagNanos() / 1e6);
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
        return measured.errorRatio();
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

    private static JsonObject machine() {
        return new JsonObject().put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version")).put("os", System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"));
    }

    /** {@code 20s}, {@code 0.5s}, {@code 2m}: a duration as the command line wrote it. */
    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
