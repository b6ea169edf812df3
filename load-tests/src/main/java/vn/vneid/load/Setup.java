package vn.vneid.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * The unmeasured calls around a run, blocking (JDK HTTP client): OTPs issued for the verify scenario (and the
 * overload scenario's verify class) and their codes read from the simulator, a campaign
 * created, filled and started for the mixed one, and what the SMSC simulator received. Any unexpected answer
 * stops the run with a message naming the call, so that a broken setup is never reported as a measurement.
 */
final class Setup {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Campaign recipients per upload request (NDJSON lines). */
    private static final int UPLOAD_CHUNK = 50_000;
    private static final int SETUP_IN_FLIGHT = 256;
    private static final int SETUP_ROUNDS = 20;
    private static final Duration SETUP_RETRY_PAUSE = Duration.ofMillis(200);
    private static final Duration CODES_WAIT = Duration.ofSeconds(60);
    /** After the codes are read, their receipts still come back (a second later) and cost the gateway CPU. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final String apiKey;

    Setup(URI gateway, String apiKey) {
        this.gateway = gateway;
        this.apiKey = apiKey;
    }

    /**
     * Issues an OTP to each of the first {@code count} identities, {@value #SETUP_IN_FLIGHT} at a time; fails when
     * any is refused (a verify run needs every code). Answers that ask to come back later (503 {@code overloaded},
     * 429: the gateway shedding the setup's own burst) are sent again after a pause, for at most
     * {@value #SETUP_ROUNDS} rounds.
     */
    static void issueAll(GatewayClient client, Identities ids, long count, String purpose) throws InterruptedException {
        var request = client.post("/v1/otp");
        List<Long> pending = LongStream.range(0, count).boxed().toList();
        LongAdder refused = new LongAdder();
        for (int round = 1; round <= SETUP_ROUNDS && !pending.isEmpty() && refused.sum() == 0; round++) {
            if (round > 1) {
                LockSupport.parkNanos(SETUP_RETRY_PAUSE.toNanos());
            }
            Semaphore slots = new Semaphore(SETUP_IN_FLIGHT);
            Queue<Long> later = new ConcurrentLinkedQueue<>();
            for (long i : pending) {
                slots.acquire();
                client.send(request, Workloads.otpBody(purpose, ids, i)).onComplete(answer -> {
                    if (answer.succeeded() && (answer.result() == 503 || answer.result() == 429)) {
                        later.add(i);
                    } else if (answer.failed() || answer.result() != 202) {
                        refused.increment();
                    }
                    slots.release();
                });
            }
            slots.acquire(SETUP_IN_FLIGHT);
            pending = List.copyOf(later);
        }
        if (refused.sum() > 0 || !pending.isEmpty()) {
            throw new IllegalStateException("setup: " + (refused.sum() + pending.size()) + " of " + count
                    + " OTPs were not issued (" + pending.size() + " still shed after " + SETUP_ROUNDS + " rounds)");
        }
    }

    /**
     * Issues an OTP to each of {@code ids}' first {@code count} identities (unmeasured), reads their codes from the
     * simulator at {@code sim}, and lets their receipts land; {@code codes[i]} is identity {@code i}'s code.
     */
    String[] codes(GatewayClient client, URI sim, Identities ids, long count, String purpose, PrintStream out)
            throws IOException, InterruptedException {
        long before = simulatorReceived(sim);
        long began = System.nanoTime();
        issueAll(client, ids, count, purpose);
        waitForSimulator(sim, before + count);
        JsonArray messages = simulatorMessages(sim, ids.phonePrefix(), count);
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
        long settled = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() - settled < 0) {
            LockSupport.parkNanos(settled - System.nanoTime());
        }
        return codes;
    }

    private void waitForSimulator(URI sim, long total) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CODES_WAIT.toNanos();
        while (simulatorReceived(sim) < total) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("setup: the simulator received fewer than " + total + " messages in "
                        + CODES_WAIT);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** Creates a never-quiet campaign of the built-in activation reminder at {@code maxRate}; returns its id. */
    String createCampaign(String name, int maxRate) throws IOException, InterruptedException {
        JsonObject body = new JsonObject().put("name", name).put("template", "ACTIVATION_REMINDER")
                .put("maxRate", maxRate).put("unaccent", true)
                .put("quietHours", new JsonObject().put("start", "00:00").put("end", "00:00"));
        return call("create campaign", post("/v1/campaigns", "application/json", body.encode()), 201).getString("campaignId");
    }

    /** Uploads {@code ids}' first {@code count} phones as recipients, in chunks; returns how many were queued. */
    long upload(String campaignId, Identities ids, long count) throws IOException, InterruptedException {
        long queued = 0;
        for (long from = 0; from < count; from += UPLOAD_CHUNK) {
            long to = Math.min(count, from + UPLOAD_CHUNK);
            StringBuilder ndjson = new StringBuilder((int) (to - from) * 64);
            for (long i = from; i < to; i++) {
                ndjson.append("{\"to\":\"").append(ids.phone(i)).append("\",\"vars\":{\"deadline\":\"2027-03-15\"}}\n");
            }
            queued += call("upload recipients", post("/v1/campaigns/" + campaignId + "/recipients",
                    "application/x-ndjson", ndjson.toString()), 200).getLong("queued");
        }
        return queued;
    }

    void start(String campaignId) throws IOException, InterruptedException {
        call("start campaign", post("/v1/campaigns/" + campaignId + "/start", "application/json", "{}"), 200);
    }

    void cancel(String campaignId) throws IOException, InterruptedException {
        call("cancel campaign", post("/v1/campaigns/" + campaignId + "/cancel", "application/json", "{}"), 200);
    }

    JsonObject campaign(String campaignId) throws IOException, InterruptedException {
        return call("get campaign", authorized(HttpRequest.newBuilder(gateway.resolve("/v1/campaigns/" + campaignId))).GET()
                .build(), 200);
    }

    /** The simulator's newest {@code limit} messages to phones starting with {@code prefix}, oldest first. */
    JsonArray simulatorMessages(URI simulator, String prefix, long limit) throws IOException, InterruptedException {
        long capped = Math.min(limit, 1_000_000);
        return call("read the simulator's messages", HttpRequest.newBuilder(
                simulator.resolve("/messages?toPrefix=" + prefix + "&limit=" + capped)).timeout(TIMEOUT).GET().build(), 200)
                .getJsonArray("messages");
    }

    /** Messages the simulator received since it started. */
    long simulatorReceived(URI simulator) throws IOException, InterruptedException {
        return call("read the simulator's counters", HttpRequest.newBuilder(simulator.resolve("/stats")).timeout(TIMEOUT)
                .GET().build(), 200).getLong("received");
    }

    /** The simulator's counters ({@code GET /stats}): received, receiptsAcknowledged, receiptsGivenUp, … */
    JsonObject simulatorStats(URI simulator) throws IOException, InterruptedException {
        return call("read the simulator's counters", HttpRequest.newBuilder(simulator.resolve("/stats")).timeout(TIMEOUT)
                .GET().build(), 200);
    }

    /**
     * Delivery receipts the gateway has recorded since it started: the sum of its {@code sms_receipts_total} series
     * (every carrier and status) in {@code GET /metrics}. A receipt is counted once it is in Redis and acknowledged.
     */
    long receiptsRecorded() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.resolve("/metrics")).timeout(TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("setup: GET /metrics answered " + answer.statusCode());
        }
        return sumOf(RECEIPTS_METRIC, answer.body());
    }

    /** The Prometheus counter the gateway counts recorded receipts in. */
    static final String RECEIPTS_METRIC = "sms_receipts_total";

    /** The sum of every series of {@code metric} in a Prometheus text exposition (0 when it has none). */
    static long sumOf(String metric, String exposition) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                // name{labels} value [timestamp]
                String rest = line.startsWith(metric + "{") ? line.substring(line.lastIndexOf('}') + 1) : line.substring(metric.length());
                sum += Double.parseDouble(rest.trim().split("\\s+")[0]);
            }
        }
        return Math.round(sum);
    }

    private HttpRequest post(String path, String type, String body) {
        return authorized(HttpRequest.newBuilder(gateway.resolve(path))).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey);
    }

    private JsonObject call(String what, HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException("setup: " + what + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
        return new JsonObject(answer.body());
    }
}
