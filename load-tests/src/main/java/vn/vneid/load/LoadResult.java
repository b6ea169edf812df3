package vn.vneid.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * What one phase of a run (warm-up or measured) saw, safe to update from any thread. Latency is recorded
 * for the expected status (202, or 200 for verify) only, from the request's intended send time, in microseconds with 3 significant digits (so
 * sub-millisecond loopback latencies keep their resolution) and printed in milliseconds. An error is any
 * other answer, a transport failure, or a request still unanswered when the run gave up waiting; a request
 * skipped because {@code --max-in-flight} was reached is "dropped", reported apart from errors. Answers judged
 * {@linkplain Answer.Outcome#SHED shed} (only the overload scenario reads enough of an answer to judge so) are not
 * errors: they are counted apart, with their own latency histogram (how fast the excess was told to go away), and
 * every answer other than the expected one is also counted by its {@linkplain Answer#label() label}.
 */
final class LoadResult {
    private final int expected;
    /** Distinct answer labels kept; any further ones are counted together, so a strange server cannot grow the map. */
    private static final int MAX_LABELS = 32;
    private static final String OTHER_LABELS = "other";

    private final Histogram latencyMicros = new SynchronizedHistogram(3);
    private final Histogram shedMicros = new SynchronizedHistogram(3);
    private final LongAdder shed = new LongAdder();
    private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAccumulator lastAcceptedAt = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean finished;
    private volatile long unfinished;

    LoadResult(int expectedStatus) {
        this.expected = expectedStatus;
    }

    void onSent() {
        sent.increment();
        inFlight.incrementAndGet();
    }

    void onDropped() {
        dropped.increment();
    }

    /** An HTTP answer to a request meant to be sent at {@code intendedNanos}, received at {@code nowNanos}. */
    void onResponse(int status, long intendedNanos, long nowNanos) {
        onAnswer(Answer.ofStatus(status), intendedNanos, nowNanos);
    }

    /** As {@link #onResponse}, for an answer read far enough to tell shedding from errors. */
    void onAnswer(Answer answer, long intendedNanos, long nowNanos) {
        if (finished) {
            return;
        }
        statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
        long micros = TimeUnit.NANOSECONDS.toMicros(Math.max(0, nowNanos - intendedNanos));
        switch (answer.outcome(expected)) {
            case ACCEPTED -> {
                latencyMicros.recordValue(micros);
                lastAcceptedAt.accumulate(nowNanos);
            }
            case SHED -> {
                shed.increment();
                shedMicros.recordValue(micros);
            }
            case ERROR -> {
            }
        }
        if (answer.status() != expected) {
            String label = unexpected.size() < MAX_LABELS || unexpected.containsKey(answer.label()) ? answer.label() : OTHER_LABELS;
            unexpected.computeIfAbsent(label, l -> new LongAdder()).increment();
        }
        inFlight.decrementAndGet();
    }

    /** No HTTP answer at all: connection refused or reset, timeout, … named by the exception's class. */
    void onFailure(Throwable failure) {
        if (finished) {
            return;
        }
        failures.computeIfAbsent(failure.getClass().getSimpleName(), f -> new LongAdder()).increment();
        inFlight.decrementAndGet();
    }

    /** Requests sent and not yet answered. */
    long inFlight() {
        return inFlight.get();
    }

    /** Stops counting: what is still in flight becomes "unfinished" (an error), later answers are ignored. */
    void finish() {
        finished = true;
        unfinished = inFlight.get();
    }

    long sent() {
        return sent.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    long accepted() {
        LongAdder n = statuses.get(expected);
        return n == null ? 0 : n.sum();
    }

    long errors() {
        long answeredOtherwise = statuses.entrySet().stream()
                .filter(e -> e.getKey() != expected).mapToLong(e -> e.getValue().sum()).sum();
        long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
        return answeredOtherwise - shed.sum() + failed + unfinished;
    }

    /** Answers that told the client to come back later (see {@link Answer}). */
    long shed() {
        return shed.sum();
    }

    /** HTTP answers of any kind. */
    long answered() {
        return statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** When the last expected answer arrived ({@link Long#MIN_VALUE} before the first). */
    long lastAcceptedAt() {
        return lastAcceptedAt.get();
    }

    /** A copy of the latency of the expected answers, in microseconds. */
    Histogram acceptedLatency() {
        return latencyMicros.copy();
    }

    /** A copy of the latency of the shed answers, in microseconds. */
    Histogram shedLatency() {
        return shedMicros.copy();
    }

    /** Answers other than the expected one, by {@link Answer#label()}. */
    JsonObject unexpectedCounts() {
        JsonObject json = new JsonObject();
        new TreeMap<>(unexpected).forEach((k, v) -> json.put(k, v.sum()));
        return json;
    }

    /** Statuses, failures and answer labels as one line: {@code status 202=9 503=1, failures none, answers 503 overloaded=1}. */
    String answers() {
        return String.format(Locale.ROOT, "status %s, failures %s, unfinished %d, answers %s", counts(statuses),
                counts(failures), unfinished, counts(unexpected));
    }

    /** Errors as a fraction of the requests scheduled in this phase (sent or dropped). */
    double errorRatio() {
        long scheduled = sent() + dropped();
        return scheduled == 0 ? 0 : (double) errors() / scheduled;
    }

    /** Expected answers per second from {@code windowStartNanos} to the later of {@code deadlineNanos} and the last 202. */
    double acceptedPerSecond(long windowStartNanos, long deadlineNanos) {
        long end = Math.max(deadlineNanos, lastAcceptedAt.get());
        return end <= windowStartNanos ? 0 : accepted() * 1e9 / (end - windowStartNanos);
    }

    /** One line, for the warm-up phase. */
    String brief() {
        return String.format(Locale.ROOT, "sent %d, dropped %d, status %s, failures %s, unfinished %d, errors %d",
                sent(), dropped(), counts(statuses), counts(failures), unfinished, errors());
    }

    /** The measured phase as JSON: counts, statuses, failures and latency percentiles in milliseconds. */
    JsonObject json(double achieved) {
        JsonObject statusCounts = new JsonObject();
        new TreeMap<>(statuses).forEach((k, v) -> statusCounts.put(Integer.toString(k), v.sum()));
        JsonObject failureCounts = new JsonObject();
        new TreeMap<>(failures).forEach((k, v) -> failureCounts.put(k, v.sum()));
        return new JsonObject().put("achievedPerSecond", round(achieved)).put("scheduled", sent() + dropped())
                .put("sent", sent()).put("dropped", dropped()).put("unfinished", unfinished).put("errors", errors())
                .put("statuses", statusCounts).put("failures", failureCounts).put("latencyMs", percentiles(latencyMicros.copy()));
    }

    /** p50 … max of a histogram of microseconds, in milliseconds; empty when it recorded nothing. */
    static JsonObject percentiles(Histogram micros) {
        JsonObject json = new JsonObject().put("count", micros.getTotalCount());
        if (micros.getTotalCount() > 0) {
            json.put("p50", micros.getValueAtPercentile(50) / 1000.0).put("p90", micros.getValueAtPercentile(90) / 1000.0)
                    .put("p99", micros.getValueAtPercentile(99) / 1000.0)
                    .put("p999", micros.getValueAtPercentile(99.9) / 1000.0).put("max", micros.getMaxValue() / 1000.0);
        }
        return json;
    }

    /** A rate for the JSON result: one decimal. */
    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The full summary of the measured phase, ending in one {@code RESULT key=value …} line for scripts. */
    void print(PrintStream out, int rate, double achieved, long nextIdOffset) {
        Histogram h = latencyMicros.copy();
        out.printf(Locale.ROOT, "measured:   scheduled %d, sent %d, dropped %d (max in flight reached), unfinished %d%n",
                sent() + dropped(), sent(), dropped(), unfinished);
        out.printf(Locale.ROOT, "achieved:   %.1f answered %d/s (target %d/s)%n", achieved, expected, rate);
        out.printf(Locale.ROOT, "latency of %ds, ms from intended send time (n=%d): p50 %s  p90 %s  p99 %s  p99.9 %s"
                        + "  max %s%n", expected, h.getTotalCount(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), max(h));
        out.printf(Locale.ROOT, "status:     %s%n", counts(statuses));
        out.printf(Locale.ROOT, "failures:   %s%n", counts(failures));
        out.printf(Locale.ROOT, "errors:     %d (%.2f %% of scheduled)%n", errors(), 100 * errorRatio());
        out.println(resultLine(rate, achieved, h, sent(), errors(), dropped(), nextIdOffset));
    }

    /** The {@code RESULT key=value …} line scripts read, for latencies {@code h} of the expected answers. */
    static String resultLine(int rate, double achieved, Histogram h, long sent, long errors, long dropped, long nextIdOffset) {
        return String.format(Locale.ROOT, "RESULT rate=%d achieved=%.1f p50=%s p90=%s p99=%s p999=%s max=%s sent=%d errors=%d"
                        + " dropped=%d next_id_offset=%d", rate, achieved, ms(h, 50), ms(h, 90), ms(h, 99),
                ms(h, 99.9), max(h), sent, errors, dropped, nextIdOffset);
    }

    /** A percentile of a histogram of microseconds, in milliseconds with two decimals; "-" when it is empty. */
    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : ms(h.getValueAtPercentile(percentile));
    }

    private static String max(Histogram h) {
        return h.getTotalCount() == 0 ? "-" : ms(h.getMaxValue());
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static <K extends Comparable<K>> String counts(Map<K, LongAdder> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        new TreeMap<>(counts).forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v.sum()));
        return b.toString();
    }
}
