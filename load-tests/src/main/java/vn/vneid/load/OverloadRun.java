package vn.vneid.load;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import vn.vneid.load.RequestMix.RequestClass;
import vn.vneid.load.Workloads.Workload;

/**
 * The {@code overload} scenario: one open-model arrival rate split between request classes by {@code --mix}
 * ({@link RequestMix}): {@code verify} (right codes of OTPs issued, unmeasured, before the run and read from the
 * simulator), {@code issue} (fresh OTPs), {@code transactional} and {@code bulk} notices. Each answer is judged as
 * {@link Answer} says (accepted, shed with a valid {@code Retry-After}, or error) and counted per class
 * ({@link MixResult}), so a run at a multiple of the gateway's capacity shows which classes it sheds, how fast it
 * tells them, and whether what it accepts is still served fast.
 *
 * <p>Each class has identities of its own, in consecutive ranges from {@code --id-offset} (verify, issue,
 * transactional, bulk; OTPs to {@value Identities#OTP_PREFIX}…, notices to {@value Identities#NOTICE_PREFIX}…), so
 * the run uses {@code count} identities in all, as every other scenario does.
 */
final class OverloadRun {
    private final LoadOptions options;
    private final Setup setup;
    private final ArrivalSchedule schedule;

    OverloadRun(LoadOptions options, Setup setup, ArrivalSchedule schedule) {
        this.options = options;
        this.setup = setup;
        this.schedule = schedule;
    }

    /** Runs the mix, prints its summary, adds it to {@code report}; returns the measured error ratio. */
    double run(PrintStream out, JsonObject report, long nextOffset) throws Exception {
        RequestMix mix = options.mix();
        Map<RequestClass, Identities> ids = identities(mix);
        out.printf(Locale.ROOT, "mix:        %s%n", mix.text());
        MixResult warmup;
        MixResult measured;
        OpenLoop loop = new OpenLoop(schedule, options.maxInFlight());
        long start;
        try (GatewayClient client = new GatewayClient(options.url(), options.apiKey(), options.connections())) {
            Map<RequestClass, Workload> workloads = workloads(client, mix, ids, out);
            warmup = new MixResult(mix, c -> workloads.get(c).expectedStatus());
            measured = new MixResult(mix, c -> workloads.get(c).expectedStatus());
            start = System.nanoTime();
            loop.run(start, new OpenLoop.Requests() {
                @Override
                public LoadResult resultFor(long i, boolean isWarmup) {
                    return (isWarmup ? warmup : measured).of(mix.classOf(i));
                }

                @Override
                public Future<?> send(long i, long intended, LoadResult result) {
                    Workload workload = workloads.get(mix.classOf(i));
                    return client.exchange(workload.request(), workload.body().apply(mix.indexInClass(i))).andThen(answer -> {
                        long answeredAt = System.nanoTime();
                        if (answer.succeeded()) {
                            result.onAnswer(answer.result(), intended, answeredAt);
                        } else {
                            result.onFailure(answer.cause());
                        }
                    });
                }
            });
            loop.awaitAnswers(LoadGenerator.STRAGGLER_WAIT);
            warmup.finish();
            measured.finish();
        }
        MixResult.Window window = new MixResult.Window(start + schedule.warmupNanos(), start + schedule.totalNanos());
        out.printf(Locale.ROOT, "warmup:     %s%n", warmup.brief());
        out.printf(Locale.ROOT, "generator:  max send lag %.2f ms behind schedule%n", loop.maxSendLagNanos() / 1e6);
        measured.print(out, options.rate(), window, nextOffset);
        report.put("mix", mix.text()).put("measured", measured.json(window)).put("nextIdOffset", nextOffset);
        return measured.errorRatio();
    }

    /** Consecutive ranges of fresh identities, one per class, {@code count} in all. */
    private Map<RequestClass, Identities> identities(RequestMix mix) {
        Map<RequestClass, Identities> ids = new EnumMap<>(RequestClass.class);
        long offset = options.idOffset();
        for (RequestClass c : RequestClass.values()) {
            long n = mix.countOf(c, schedule.count());
            boolean otp = c == RequestClass.VERIFY || c == RequestClass.ISSUE;
            ids.put(c, new Identities(offset, n, otp ? Identities.OTP_PREFIX : Identities.NOTICE_PREFIX));
            offset += n;
        }
        return ids;
    }

    private Map<RequestClass, Workload> workloads(GatewayClient client, RequestMix mix, Map<RequestClass, Identities> ids,
                                                 PrintStream out) throws IOException, InterruptedException {
        String purpose = options.purpose().name();
        Map<RequestClass, Workload> workloads = new EnumMap<>(RequestClass.class);
        long verifies = mix.countOf(RequestClass.VERIFY, schedule.count());
        if (mix.share(RequestClass.VERIFY) > 0) {
            Identities verifyIds = ids.get(RequestClass.VERIFY);
            String[] codes = verifies == 0 ? new String[0]
                    : setup.codes(client, options.simUrl().orElseThrow(), verifyIds, verifies, purpose, out);
            workloads.put(RequestClass.VERIFY, Workloads.verify(client, purpose, verifyIds, codes));
        }
        workloads.put(RequestClass.ISSUE, Workloads.issue(client, purpose, ids.get(RequestClass.ISSUE)));
        workloads.put(RequestClass.TRANSACTIONAL, Workloads.notices(client, ids.get(RequestClass.TRANSACTIONAL)));
        workloads.put(RequestClass.BULK, Workloads.bulkNotices(client, ids.get(RequestClass.BULK)));
        return workloads;
    }
}
