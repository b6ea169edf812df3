package vn.vneid.load;

import io.vertx.core.Future;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import vn.vneid.load.ClosedOptions.Receipts;
import vn.vneid.load.LoadOptions.Scenario;
import vn.vneid.load.Workloads.Workload;

/**
 * The closed-loop scenarios, shaped like a Kannel {@code sendsms} load so that the gateway and Kannel can be compared
 * on one machine: {@code --requests} requests, each to a phone of its own, over {@code --connections} keep-alive
 * connections ({@link ClosedLoop}); {@code closed-notices} posts transactional notices (one GSM-7 segment),
 * {@code closed-otp} issues OTPs, {@code closed-get} sends Kannel's {@code sendsms} {@code GET}s.
 *
 * <p>The run is done when every accepted message has reached the SMSC simulator and, as {@code --receipts} says, its
 * delivery receipt is recorded (the gateway's {@code sms_receipts_total}) or called back (Kannel's {@code dlr-url}),
 * waiting at most {@code --drain-wait}. It reports the <em>end-to-end rate at the SMSC</em>: messages at the SMSC
 * divided by the time from the first request sent to the last submit_sm the simulator received (both read from one
 * wall clock, on one machine); client-side latency percentiles; and the CPU time of each {@code --cpu} process
 * ({@link ProcessCpu}) from just before the first request to that done point, per message at the SMSC — so the CPU
 * window includes the recording of the receipts when they are waited for. It also prints how the simulator's
 * counters moved (receipts acknowledged, redelivered, given up), and a {@code CLOSED key=value …} line for scripts.
 */
final class ClosedRun {
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long callbacks must have stopped before the missing ones are given up (see {@link #awaitDone}). */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** How long the connections may take to open before the run (see {@link #openConnections}). */
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);
    /** The simulator's counters of messages received and of receipts the ESME acknowledged. */
    private static final String RECEIVED = "received";
    private static final String ACKNOWLEDGED = "receiptsAcknowledged";

    private final LoadOptions options;
    private final ClosedOptions closed;
    private final Setup setup;

    ClosedRun(LoadOptions options, Setup setup) {
        this.options = options;
        this.closed = options.closed();
        this.setup = setup;
    }

    /** Runs, prints the summary, fills {@code report}; true when errors stayed within 1 % and the run completed. */
    boolean run(PrintStream out, JsonObject report) throws Exception {
        Scenario scenario = options.scenario();
        int n = closed.requests();
        Identities ids = new Identities(options.idOffset(), n, prefix(scenario));
        long nextOffset = ids.nextOffset(n);
        URI sim = options.simUrl().orElseThrow();
        Map<String, Long> pids = new LinkedHashMap<>(closed.cpu());
        pids.putIfAbsent("generator", ProcessHandle.current().pid());
        ProcessCpu cpu = new ProcessCpu(pids, closed.clockTicks());
        out.printf(Locale.ROOT, "load: scenario %s against %s, closed loop: %d requests over %d connections, id offset %d,"
                        + " done when every message is at the SMSC%s%n", scenario.text(), options.url(), n,
                options.connections(), options.idOffset(), switch (closed.receipts()) {
                    case METRIC -> " and its receipt recorded (gateway metric " + Setup.RECEIPTS_METRIC + ")";
                    case CALLBACK -> " and its delivery report called back (dlr-mask=3)";
                    case NONE -> " (receipts not waited for)";
                });
        ClosedLoop loop = new ClosedLoop(n, options.connections(), closed.timeLimit());
        LoadResult result;
        Progress before;
        Progress after;
        long startWallMicros;
        long start;
        long doneAt;
        boolean complete;
        try (GatewayClient client = new GatewayClient(options.url(), options.apiKey(), options.connections());
             ReceiptCallbacks callbacks = closed.receipts() == Receipts.CALLBACK ? new ReceiptCallbacks() : null) {
            ClosedWorkload workload = workload(client, ids, callbacks);
            result = new LoadResult(workload.expectedStatus());
            openConnections(client, out);
            before = progress(sim, callbacks, cpu);
            startWallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            start = System.nanoTime();
            boolean ended = loop.run(i -> client.send(workload.request().apply(i), workload.body().apply(i)), result,
                    LoadGenerator.STRAGGLER_WAIT);
            result.finish();
            if (!ended) {
                out.println("closed:     some connections still waited for an answer when the run gave up");
            }
            complete = awaitDone(sim, callbacks, before, result.accepted());
            doneAt = System.nanoTime();
            after = progress(sim, callbacks, cpu);
        }
        Smsc smsc = smsc(sim, ids, n);
        long lastAnswer = loop.lastAnswerNanos();
        long firstToLast = smsc.lastMicros() - startWallMicros;
        JsonObject cpuJson = new JsonObject();
        double totalUs = 0;
        for (String name : pids.keySet()) {
            double seconds = cpu.seconds(after.ticks().get(name) - before.ticks().get(name));
            double us = smsc.count() == 0 ? 0 : seconds * 1e6 / smsc.count();
            cpuJson.put(name, new JsonObject().put("seconds", LoadResult.round(seconds)).put("usPerMessage", LoadResult.round(us)));
            if (closed.cpu().containsKey(name)) {
                totalUs += us;
            }
        }
        long receipts = after.receipts() - before.receipts();
        ClosedResult measured = new ClosedResult(scenario, n, closed.receipts(), result, smsc.count(), smsc.duplicates(),
                firstToLast <= 0 ? 0 : smsc.count() * 1e6 / firstToLast,
                lastAnswer <= start ? 0 : result.accepted() * 1e9 / (lastAnswer - start), (doneAt - start) / 1e9, receipts,
                closed.receipts() == Receipts.NONE ? 0 : Math.max(0, result.accepted() - receipts), complete,
                delta(before.simulator(), after.simulator()), cpuJson, totalUs, nextOffset);
        measured.print(out);
        measured.addTo(report);
        return measured.ok();
    }

    /**
     * Opens the connections before the run, with as many concurrent {@code GET}s of a path that sends nothing (the
     * gateway's {@code /health/live}; for {@code closed-get}, {@code --get-path} without its query, which Kannel
     * refuses): opening 64 connections at once overflows a small listen backlog (Kannel's), and the SYN retries
     * (1 s, 3 s) would otherwise land in the first requests' latency and the run's rate.
     */
    private void openConnections(GatewayClient client, PrintStream out) {
        String path = closed.getPath().map(p -> p.substring(0, p.indexOf('?') < 0 ? p.length() : p.indexOf('?')))
                .orElse("/health/live");
        List<Future<Integer>> opened = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            opened.add(client.send(client.get(path), null));
        }
        long began = System.nanoTime();
        try {
            Future.join(opened).toCompletionStage().toCompletableFuture().get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            out.println("closed:     not every connection opened before the run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening connections", e);
        }
        out.printf(Locale.ROOT, "closed:     %d connections opened in %.2f s (GET %s)%n", opened.size(),
                (System.nanoTime() - began) / 1e9, path);
    }

    private static String prefix(Scenario scenario) {
        return switch (scenario) {
            case CLOSED_NOTICES -> Identities.NOTICE_PREFIX;
            case CLOSED_OTP -> Identities.OTP_PREFIX;
            case CLOSED_GET -> Identities.SENDSMS_PREFIX;
            default -> throw new IllegalArgumentException(scenario.text() + " is not a closed-loop scenario");
        };
    }

    /** Request {@code i}: its options (a GET's URI holds the phone) and body (null for a GET). */
    private record ClosedWorkload(int expectedStatus, LongFunction<RequestOptions> request, LongFunction<String> body) {
        static ClosedWorkload of(Workload workload) {
            return new ClosedWorkload(workload.expectedStatus(), i -> workload.request(), workload.body());
        }
    }

    private ClosedWorkload workload(GatewayClient client, Identities ids, ReceiptCallbacks callbacks) {
        return switch (options.scenario()) {
            case CLOSED_NOTICES -> ClosedWorkload.of(Workloads.notices(client, ids));
            case CLOSED_OTP -> ClosedWorkload.of(Workloads.issue(client, options.purpose().name(), ids));
            case CLOSED_GET -> {
                String path = closed.getPath().orElseThrow() + (callbacks == null ? "" : callbacks.kannelQuery());
                yield new ClosedWorkload(closed.expectedStatus(),
                        i -> client.get(path.replace(ClosedOptions.TO, ids.phone(i))), i -> null);
            }
            default -> throw new IllegalArgumentException(options.scenario().text() + " is not a closed-loop scenario");
        };
    }

    /** Where things stood at one moment: the simulator's counters, receipts counted, CPU ticks. */
    private record Progress(JsonObject simulator, long receipts, Map<String, Long> ticks) {
    }

    private Progress progress(URI sim, ReceiptCallbacks callbacks, ProcessCpu cpu) throws IOException, InterruptedException {
        Map<String, Long> ticks = cpu.ticks();
        return new Progress(setup.simulatorStats(sim), receipts(callbacks), ticks);
    }

    private long receipts(ReceiptCallbacks callbacks) throws IOException, InterruptedException {
        return switch (closed.receipts()) {
            case METRIC -> setup.receiptsRecorded();
            case CALLBACK -> callbacks.finals();
            case NONE -> 0;
        };
    }

    /**
     * Waits (at most {@code --drain-wait}) until the accepted messages are at the SMSC and their receipts counted.
     * Kannel drops a delivery report that outruns its submit_sm_resp ("DLR not found"), so with callbacks the run is
     * also done once the SMSC has had every receipt acknowledged and no callback came for {@link #SETTLE}: what never
     * came is reported as missing. Returns whether it was done before the deadline.
     */
    private boolean awaitDone(URI sim, ReceiptCallbacks callbacks, Progress before, long accepted)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + closed.drainWait().toNanos();
        long receivedBefore = before.simulator().getLong(RECEIVED, 0L);
        long acknowledgedBefore = before.simulator().getLong(ACKNOWLEDGED, 0L);
        long lastCount = -1;
        long lastChange = System.nanoTime();
        while (true) {
            JsonObject stats = setup.simulatorStats(sim);
            boolean atSmsc = stats.getLong(RECEIVED, 0L) - receivedBefore >= accepted;
            long counted = receipts(callbacks) - before.receipts();
            long now = System.nanoTime();
            if (counted != lastCount) {
                lastCount = counted;
                lastChange = now;
            }
            boolean settled = closed.receipts() == Receipts.CALLBACK
                    && stats.getLong(ACKNOWLEDGED, 0L) - acknowledgedBefore >= accepted && now - lastChange >= SETTLE.toNanos();
            if (atSmsc && (closed.receipts() == Receipts.NONE || counted >= accepted || settled)) {
                return true;
            }
            if (now - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** This run's messages at the simulator: distinct phones of the run, duplicates, and the last one's time. */
    private record Smsc(long count, long duplicates, long lastMicros) {
    }

    private Smsc smsc(URI sim, Identities ids, int n) throws IOException, InterruptedException {
        // Twice the run: the prefix's previous runs may interleave with this one's newest messages.
        JsonArray messages = setup.simulatorMessages(sim, ids.phonePrefix(), 2L * n);
        BitSet seen = new BitSet(n);
        long duplicates = 0;
        long last = Long.MIN_VALUE;
        for (int m = 0; m < messages.size(); m++) {
            JsonObject sms = messages.getJsonObject(m);
            long i = ids.indexOf(sms.getString("to"));
            if (i < 0 || i >= n) {
                continue;
            }
            if (seen.get((int) i)) {
                duplicates++;
            }
            seen.set((int) i);
            last = Math.max(last, sms.getLong("receivedAtMicros"));
        }
        return new Smsc(seen.cardinality(), duplicates, last);
    }

    /** The numeric counters of {@code after} minus those of {@code before}. */
    static JsonObject delta(JsonObject before, JsonObject after) {
        JsonObject delta = new JsonObject();
        for (String name : after.fieldNames()) {
            if (after.getValue(name) instanceof Number a && before.getValue(name) instanceof Number b) {
                delta.put(name, a.longValue() - b.longValue());
            }
        }
        return delta;
    }
}
