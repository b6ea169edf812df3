package vn.vneid.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency from the SMSC simulator's side: for each measured, accepted request, the time from its
 * intended send (wall clock) to the simulator's receipt of its submit_sm, matched by destination phone. It
 * includes the HTTP answer, any queueing in the gateway and the SMPP hop, so it is an upper bound of "accepted →
 * submit_sm". The generator and the simulator run on one machine and read one wall clock. Also the rate at which
 * those messages reached the simulator (first intended send to last receipt), which is the drain rate of notices.
 */
final class EndToEnd {
    private final Histogram micros = new Histogram(3);
    private final long expected;
    private long found;
    private long firstIntended = Long.MAX_VALUE;
    private long lastReceived = Long.MIN_VALUE;

    /**
     * @param messages        the simulator's messages ({@code to}, {@code receivedAtMicros}), any order
     * @param ids             the run's identities: the index of a message is the index of its phone
     * @param counted         whether request {@code i} was measured and answered as expected
     * @param intendedMicros  request {@code i}'s intended send time, microseconds since the epoch
     * @param expected        how many requests {@code counted} accepts
     */
    EndToEnd(JsonArray messages, Identities ids, LongPredicate counted, LongUnaryOperator intendedMicros, long expected) {
        this.expected = expected;
        for (int m = 0; m < messages.size(); m++) {
            JsonObject sms = messages.getJsonObject(m);
            long i = ids.indexOf(sms.getString("to"));
            if (i < 0 || !counted.test(i)) {
                continue;
            }
            long intended = intendedMicros.applyAsLong(i);
            long received = sms.getLong("receivedAtMicros");
            micros.recordValue(Math.max(0, received - intended));
            found++;
            firstIntended = Math.min(firstIntended, intended);
            lastReceived = Math.max(lastReceived, received);
        }
    }

    /** Messages per second from the first intended send to the last receipt at the simulator. */
    double deliveredPerSecond() {
        return found == 0 || lastReceived <= firstIntended ? 0 : found * 1e6 / (lastReceived - firstIntended);
    }

    long missing() {
        return expected - found;
    }

    /** A readable line, then {@code E2E key=value …} for scripts. */
    void print(PrintStream out, String what) {
        out.printf(Locale.ROOT, "%s at the SMSC: %d of %d accepted (%d missing), %.1f/s; latency ms from intended send: %s%n",
                what, found, expected, missing(), deliveredPerSecond(), LoadResult.percentiles(micros).encode());
        out.printf(Locale.ROOT, "E2E p50=%s p99=%s per_second=%.1f missing=%d%n", ms(50), ms(99), deliveredPerSecond(), missing());
    }

    private String ms(double percentile) {
        return found == 0 ? "-" : String.format(Locale.ROOT, "%.2f", micros.getValueAtPercentile(percentile) / 1000.0);
    }

    JsonObject json() {
        return new JsonObject().put("atSmsc", found).put("accepted", expected).put("missing", missing())
                .put("deliveredPerSecond", LoadResult.round(deliveredPerSecond()))
                .put("latencyMs", LoadResult.percentiles(micros));
    }
}
