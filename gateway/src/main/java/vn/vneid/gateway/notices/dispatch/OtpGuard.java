package vn.vneid.gateway.notices.dispatch;

import java.time.Duration;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Keeps OTPs ahead of notices when the gateway itself is the bottleneck. The carrier queue already puts OTPs
 * before notices, but a campaign dispatched flat out also takes the CPU, the event loops and the Redis connections
 * every OTP needs, and then OTPs wait before they ever reach that queue. So the notices' in-flight budget follows
 * the OTPs' own latency, AIMD style: every window in which some OTP took longer than {@code target} from its HTTP
 * request to its submit_sm (the SMSC's answer time left out: no notice can speed that up), the budget halves, down
 * to a thirty-second of {@code max}; every window without, it grows by a sixty-fourth of {@code max}, so from the
 * floor back to full takes about 13 s. The slow climb matters: a notice sent now costs the gateway again when its
 * receipt comes back a second or more later, and a quick climb overshoots into the next slow window (on the bench,
 * a sixteenth gave OTP p99 39–83 ms beside a campaign, a sixty-fourth 21–26 ms). A window without any OTP counts as
 * healthy, so notices run at full budget when no citizen is waiting.
 *
 * <p>Thread-safe: latencies arrive from any thread, {@link #adjust} runs on one timer.
 */
public final class OtpGuard {
    /** How often {@link #adjust} should run. */
    public static final Duration WINDOW = Duration.ofMillis(200);

    private final long targetNanos;
    private final int max;
    private final int floor;
    private final int step;
    private final LongAccumulator worst = new LongAccumulator(Math::max, 0);
    private volatile int budget;

    /**
     * @param max    the notices' full in-flight budget ({@link DispatchConfig#maxInFlight})
     * @param target the OTP latency above which notices give way; zero turns the guard off
     */
    public OtpGuard(int max, Duration target) {
        this.max = max;
        this.targetNanos = target.toNanos();
        this.floor = Math.max(1, max / 32);
        this.step = Math.max(1, max / 64);
        this.budget = max;
    }

    /** One OTP's time from its HTTP request to its submit_sm being sent. */
    public void record(Duration latency) {
        worst.accumulate(latency.toNanos());
    }

    /** Closes a window: halves the budget if an OTP was slow in it, else lets it grow. */
    public void adjust() {
        long slowest = worst.getThenReset();
        if (targetNanos <= 0) {
            return;
        }
        budget = slowest > targetNanos ? Math.max(floor, budget / 2) : Math.min(max, budget + step);
    }

    /** How many notices may be at the carriers now. */
    public int budget() {
        return budget;
    }
}
