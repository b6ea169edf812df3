package vn.vneid.load;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import vn.vneid.load.ClosedOptions.Receipts;
import vn.vneid.load.LoadOptions.Scenario;

/**
 * What one closed-loop run ({@link ClosedRun}) measured: its answers, its messages at the SMSC and their rate from the
 * first request to the last submit_sm, the receipts counted and missing, whether it completed, the simulator's counters
 * over the run, and the CPU µs per message of each process ({@code cpu}: {@code {name: {seconds, usPerMessage}}},
 * {@code cpuUs} the sum over the processes asked for, the generator's own left out). Printed for people, as one
 * {@code CLOSED key=value …} line for scripts, and as JSON.
 */
record ClosedResult(Scenario scenario, int requests, Receipts receipts, LoadResult answers, long atSmsc, long duplicates,
                    double atSmscPerSecond, double acceptedPerSecond, double doneSeconds, long receiptsCounted,
                    long receiptsMissing, boolean complete, JsonObject simulator, JsonObject cpu, double cpuUs,
                    long nextOffset) {
    /** The simulator's counter of receipts sent again because the ESME did not acknowledge them in time. */
    static final String REDELIVERIES = "receiptRedeliveries";

    /** Errors and missing receipts within 1 % of the requests, and the run completed. */
    boolean ok() {
        return complete && answers.errors() <= 0.01 * requests && receiptsMissing <= 0.01 * requests;
    }

    void print(PrintStream out) {
        Histogram h = answers.acceptedLatency();
        out.printf(Locale.ROOT, "answers:    sent %d, accepted %d at %.1f/s, %s, errors %d%n", answers.sent(),
                answers.accepted(), acceptedPerSecond, answers.answers(), answers.errors());
        out.printf(Locale.ROOT, "latency:    ms from send to answer (n=%d): p50 %s  p90 %s  p99 %s  p99.9 %s%n",
                h.getTotalCount(), LoadResult.ms(h, 50), LoadResult.ms(h, 90), LoadResult.ms(h, 99), LoadResult.ms(h, 99.9));
        out.printf(Locale.ROOT, "at SMSC:    %d messages (%d duplicates), %.1f/s from the first request to the last submit_sm%n",
                atSmsc, duplicates, atSmscPerSecond);
        out.printf(Locale.ROOT, "done:       %s after %.2f s; receipts counted %d (%s), missing %d; simulator %s%n",
                complete ? "complete" : "INCOMPLETE", doneSeconds, receiptsCounted, receipts.name().toLowerCase(Locale.ROOT),
                receiptsMissing, simulator.encode());
        out.printf(Locale.ROOT, "cpu:        %s (µs per message at the SMSC; window: first request to done, %s)%n",
                cpu.encode(), receipts == Receipts.NONE ? "receipts not waited for" : "receipt recording included");
        out.println(line());
    }

    /** {@code CLOSED scenario=… per_second=… p50=… p99=… cpu_gateway_us=… cpu_us=… next_id_offset=…}. */
    String line() {
        Histogram h = answers.acceptedLatency();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "CLOSED scenario=%s requests=%d accepted=%d errors=%d at_smsc=%d per_second=%.1f accepted_per_second=%.1f"
                        + " p50=%s p99=%s receipts=%d receipts_missing=%d complete=%b", scenario.text(), requests,
                answers.accepted(), answers.errors(), atSmsc, atSmscPerSecond, acceptedPerSecond, LoadResult.ms(h, 50),
                LoadResult.ms(h, 99), receiptsCounted, receiptsMissing, complete));
        for (String name : cpu.fieldNames()) {
            line.append(String.format(Locale.ROOT, " cpu_%s_us=%.1f", name, cpu.getJsonObject(name).getDouble("usPerMessage")));
        }
        // deliver_sm the ESME did not answer in time (the simulator sent them again), when the simulator counts them.
        if (simulator.getValue(REDELIVERIES) instanceof Number redelivered) {
            line.append(" receipt_redeliveries=").append(redelivered.longValue());
        }
        return line.append(String.format(Locale.ROOT, " cpu_us=%.1f next_id_offset=%d", cpuUs, nextOffset)).toString();
    }

    void addTo(JsonObject report) {
        report.put("requests", requests).put("receipts", receipts.name().toLowerCase(Locale.ROOT))
                .put("cpuWindowIncludesReceipts", receipts != Receipts.NONE)
                .put("measured", answers.json(acceptedPerSecond)).put("atSmsc", atSmsc).put("duplicatesAtSmsc", duplicates)
                .put("atSmscPerSecond", LoadResult.round(atSmscPerSecond)).put("doneSeconds", LoadResult.round(doneSeconds))
                .put("complete", complete).put("receiptsCounted", receiptsCounted).put("receiptsMissing", receiptsMissing)
                .put("simulator", simulator).put("cpu", cpu).put("cpuUsPerMessage", LoadResult.round(cpuUs))
                .put("nextIdOffset", nextOffset);
    }
}
