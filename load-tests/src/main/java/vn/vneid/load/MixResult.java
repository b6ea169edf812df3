package vn.vneid.load;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import vn.vneid.load.RequestMix.RequestClass;

/**
 * What one phase of an overload run saw, per request class (one {@link LoadResult} each) and in total. Per class:
 * offered/s (scheduled requests over the measured window), goodput (accepted answers per second), the share of the
 * offered requests that was shed, the latency of the accepted answers and, apart, of the shed ones, errors and
 * requests dropped at {@code --max-in-flight}.
 */
final class MixResult {
    /** The measured window, in {@link System#nanoTime()}. */
    record Window(long startNanos, long endNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final Map<RequestClass, LoadResult> classes = new EnumMap<>(RequestClass.class);

    /** One result per class of {@code mix} with a share, each expecting {@code expectedStatus} of its class. */
    MixResult(RequestMix mix, ToIntFunction<RequestClass> expectedStatus) {
        for (RequestClass c : RequestClass.values()) {
            if (mix.share(c) > 0) {
                classes.put(c, new LoadResult(expectedStatus.applyAsInt(c)));
            }
        }
    }

    LoadResult of(RequestClass c) {
        return classes.get(c);
    }

    void finish() {
        classes.values().forEach(LoadResult::finish);
    }

    /** Errors of every class as a fraction of the requests scheduled (sent or dropped). */
    double errorRatio() {
        long scheduled = sum(r -> r.sent() + r.dropped());
        return scheduled == 0 ? 0 : (double) sum(LoadResult::errors) / scheduled;
    }

    /** One line, for the warm-up phase. */
    String brief() {
        StringBuilder b = new StringBuilder();
        classes.forEach((c, r) -> b.append(b.length() == 0 ? "" : "; ").append(c.label()).append(": ").append(r.brief()));
        return b.toString();
    }

    /** The summary table, one row per class and one for all, then the answers, then the {@code RESULT} line. */
    void print(PrintStream out, int rate, Window window, long nextIdOffset) {
        out.printf(Locale.ROOT, "measured:   scheduled %d, sent %d, dropped %d (max in flight reached), shed %d, errors %d"
                        + " (%.2f %% of scheduled)%n", sum(r -> r.sent() + r.dropped()), sum(LoadResult::sent),
                sum(LoadResult::dropped), sum(LoadResult::shed), sum(LoadResult::errors), 100 * errorRatio());
        out.printf(Locale.ROOT, "%-14s %10s %10s %7s %7s %8s %8s %8s %9s %9s %9s%n", "class (ms)", "offered/s",
                "goodput/s", "shed %", "errors", "dropped", "p50", "p99", "p99.9", "shed p50", "shed p99");
        classes.forEach((c, r) -> row(out, c.label(), figures(r, window)));
        Figures all = total(window);
        row(out, "all", all);
        classes.forEach((c, r) -> out.printf(Locale.ROOT, "answers:    %s: %s%n", c.label(), r.answers()));
        StringBuilder line = new StringBuilder(LoadResult.resultLine(rate, all.goodput, all.accepted, sum(LoadResult::sent),
                sum(LoadResult::errors), sum(LoadResult::dropped), nextIdOffset));
        line.append(String.format(Locale.ROOT, " answered=%.1f shed=%d shed_pct=%.2f shed_p50=%s shed_p99=%s",
                sum(LoadResult::answered) / window.seconds(), sum(LoadResult::shed), all.shedPercent(),
                LoadResult.ms(all.shed, 50), LoadResult.ms(all.shed, 99)));
        classes.forEach((c, r) -> {
            Figures f = figures(r, window);
            String p = c.label() + "_";
            line.append(String.format(Locale.ROOT, " %soffered=%.1f %sgoodput=%.1f %sshed_pct=%.2f %sp50=%s %sp99=%s"
                            + " %sp999=%s %sshed_p50=%s %sshed_p99=%s %serrors=%d %sdropped=%d", p, f.offered, p, f.goodput,
                    p, f.shedPercent(), p, LoadResult.ms(f.accepted, 50), p, LoadResult.ms(f.accepted, 99),
                    p, LoadResult.ms(f.accepted, 99.9), p, LoadResult.ms(f.shed, 50), p, LoadResult.ms(f.shed, 99),
                    p, f.errors, p, f.dropped));
        });
        out.println(line);
    }

    /** The measured phase as JSON: totals, and per class its {@link LoadResult#json} plus the shedding figures. */
    JsonObject json(Window window) {
        Figures all = total(window);
        JsonObject perClass = new JsonObject();
        classes.forEach((c, r) -> perClass.put(c.label(), figures(r, window).json(r.json(r.acceptedPerSecond(
                window.startNanos, window.endNanos))).put("answers", r.unexpectedCounts())));
        return all.json(new JsonObject().put("achievedPerSecond", LoadResult.round(all.goodput))
                        .put("answeredPerSecond", LoadResult.round(sum(LoadResult::answered) / window.seconds()))
                        .put("sent", sum(LoadResult::sent)).put("dropped", all.dropped).put("errors", all.errors)
                        .put("latencyMs", LoadResult.percentiles(all.accepted)))
                .put("classes", perClass);
    }

    /** The figures of one class, or of all together. */
    private record Figures(double offered, double goodput, long scheduled, long shedCount, long errors, long dropped,
                           Histogram accepted, Histogram shed) {
        double shedPercent() {
            return scheduled == 0 ? 0 : 100.0 * shedCount / scheduled;
        }

        JsonObject json(JsonObject base) {
            return base.put("offeredPerSecond", LoadResult.round(offered)).put("scheduled", scheduled)
                    .put("shed", shedCount).put("shedShare", Math.round(shedPercent() * 100) / 10_000.0)
                    .put("shedLatencyMs", LoadResult.percentiles(shed));
        }
    }

    private static Figures figures(LoadResult r, Window window) {
        long scheduled = r.sent() + r.dropped();
        return new Figures(scheduled / window.seconds(), r.acceptedPerSecond(window.startNanos, window.endNanos),
                scheduled, r.shed(), r.errors(), r.dropped(), r.acceptedLatency(), r.shedLatency());
    }

    private Figures total(Window window) {
        Histogram accepted = new Histogram(3);
        Histogram shed = new Histogram(3);
        long lastAccepted = Long.MIN_VALUE;
        for (LoadResult r : classes.values()) {
            accepted.add(r.acceptedLatency());
            shed.add(r.shedLatency());
            lastAccepted = Math.max(lastAccepted, r.lastAcceptedAt());
        }
        long end = Math.max(window.endNanos, lastAccepted);
        long scheduled = sum(r -> r.sent() + r.dropped());
        double goodput = end <= window.startNanos ? 0 : sum(LoadResult::accepted) * 1e9 / (end - window.startNanos);
        return new Figures(scheduled / window.seconds(), goodput, scheduled, sum(LoadResult::shed),
                sum(LoadResult::errors), sum(LoadResult::dropped), accepted, shed);
    }

    private static void row(PrintStream out, String name, Figures f) {
        out.printf(Locale.ROOT, "%-14s %10.1f %10.1f %7.2f %7d %8d %8s %8s %8s %9s %9s%n", name, f.offered, f.goodput,
                f.shedPercent(), f.errors, f.dropped, LoadResult.ms(f.accepted, 50), LoadResult.ms(f.accepted, 99),
                LoadResult.ms(f.accepted, 99.9), LoadResult.ms(f.shed, 50), LoadResult.ms(f.shed, 99));
    }

    private long sum(ToLongFunction<LoadResult> figure) {
        return classes.values().stream().mapToLong(figure).sum();
    }
}
