package vn.vneid.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.session.JsmppCarrier;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * Throughput and client CPU of the SMPP adapter alone: a {@link JsmppCarrier} against the {@link SmscSimulator}
 * on loopback, for every combination of binds, window and simulator latency given. Each cell pushes one-segment
 * messages as fast as the window lets it (at most 2 × binds × window outstanding, so the queue stays short) for
 * a bounded time and count, then reports submit_sm per second, the submit latency (dequeue → submit_sm_resp) and
 * the client's CPU per submit_sm answered, three ways: {@code cpu µs} is this JVM's whole CPU time (every thread,
 * GC and JIT included) over the measured interval, meaningful when the simulator runs in another process
 * ({@code --smsc-port}); {@code loop µs} is the CPU time of the adapter's event loops ({@code smpp-io-*}) and
 * {@code caller µs} that of the one thread that submits (encoding, queueing, and this bench's own loop), both from
 * {@link ThreadMXBean}, meaningful either way. {@code --warmup-seconds} (default 1) runs the cell unmeasured
 * first, so that the JIT has compiled the hot path.
 * With {@code --serve-smsc PORT} it only runs a simulator (instant, no receipts) until killed, for that other
 * process.
 *
 * <pre>java -cp … vn.vneid.load.AdapterBench [--binds 1,2,4] [--windows 1,10,64,256] [--latencies 0ms,20ms]
 *      [--seconds 5] [--warmup-seconds 1] [--max-messages 300000] [--smsc-port P]
 * java -cp … vn.vneid.load.AdapterBench --serve-smsc 0</pre>
 */
public final class AdapterBench {
    private final int seconds;
    private final int maxMessages;
    /** A simulator in another process, or 0: one in this process per cell. */
    private final int smscPort;
    private final int warmupSeconds;

    private AdapterBench(int seconds, int warmupSeconds, int maxMessages, int smscPort) {
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.maxMessages = maxMessages;
        this.smscPort = smscPort;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> binds = List.of(1, 2, 4);
        List<Integer> windows = List.of(1, 10, 64, 256);
        List<Duration> latencies = List.of(Duration.ZERO, Duration.ofMillis(20));
        int seconds = 5;
        int maxMessages = 300_000;
        int smscPort = 0;
        int warmupSeconds = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--binds" -> binds = ints(args[i + 1]);
                case "--windows" -> windows = ints(args[i + 1]);
                case "--latencies" -> latencies = List.of(args[i + 1].split(",")).stream()
                        .map(s -> Duration.ofMillis(Long.parseLong(s.replace("ms", "")))).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--max-messages" -> maxMessages = Integer.parseInt(args[i + 1]);
                case "--smsc-port" -> smscPort = Integer.parseInt(args[i + 1]);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[i + 1]);
                case "--serve-smsc" -> {
                    serve(Integer.parseInt(args[i + 1]));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (seconds < 1 || seconds > 60 || maxMessages < 1 || maxMessages > 5_000_000 || warmupSeconds < 0
                || warmupSeconds > 60) {
            throw new IllegalArgumentException("--seconds must be 1..60, --warmup-seconds 0..60 and --max-messages 1..5000000");
        }
        if (smscPort != 0) {
            latencies = List.of(Duration.ZERO);   // the other process's simulator answers at once
        }
        AdapterBench bench = new AdapterBench(seconds, warmupSeconds, maxMessages, smscPort);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "SMPP adapter alone -> SmscSimulator on 127.0.0.1 (%s), 1-segment GSM-7 messages, %d s or %d messages per cell%n",
                smscPort == 0 ? "in this process: cpu µs includes it" : "in another process, port " + smscPort,
                seconds, maxMessages);
        out.println(" binds | window | smsc latency | submit_sm/s | p50 ms | p99 ms |    sent | cpu µs | loop µs | caller µs");
        out.println("-------+--------+--------------+-------------+--------+--------+---------+--------+---------+----------");
        for (Duration latency : latencies) {
            for (int b : binds) {
                for (int w : windows) {
                    bench.cell(b, w, latency, out);
                }
            }
        }
    }

    private void cell(int binds, int window, Duration latency, PrintStream out) throws Exception {
        SmscSimulator smsc = smscPort == 0 ? SmscSimulator.builder().submitLatency(latency).maxRecorded(1000).start() : null;
        try {
            int port = smsc == null ? smscPort : smsc.port();
            JsmppCarrier carrier = new JsmppCarrier(CarrierUrl.parse("bench", "smpp://vneid:secret@127.0.0.1:"
                    + port + "?binds=" + binds + "&window=" + window + "&tps=1000000&responseTimeout=10s"),
                    ReceiptListener.IGNORE, new SimpleMeterRegistry(), Clock.systemUTC());
            try {
                carrier.start();
                carrier.awaitBound().get(10, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, warmupSeconds));
                run(carrier, binds * window, deadline, warmupSeconds <= 1 ? Math.min(2000, maxMessages) : maxMessages,
                        new Recorder(3)); // warm-up
                Recorder latencies = new Recorder(3);
                long processCpu = processCpuNanos();
                long loopCpu = loopThreadsCpuNanos();
                long callerCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long start = System.nanoTime();
                long sent = run(carrier, binds * window, start + TimeUnit.SECONDS.toNanos(seconds), maxMessages, latencies);
                double elapsed = (System.nanoTime() - start) / 1e9;
                double per = 1e3 * Math.max(1, sent);
                double cpuMicros = (processCpuNanos() - processCpu) / per;
                double loopMicros = (loopThreadsCpuNanos() - loopCpu) / per;
                double callerMicros = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - callerCpu) / per;
                Histogram h = latencies.getIntervalHistogram();
                out.printf(Locale.ROOT, " %5d | %6d | %9d ms | %11.0f | %6.2f | %6.2f | %7d | %6.1f | %7.1f | %9.1f%n",
                        binds, window, latency.toMillis(), sent / elapsed, h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0, sent, cpuMicros, loopMicros, callerMicros);
            } finally {
                carrier.close();
            }
        } finally {
            if (smsc != null) {
                smsc.close();
            }
        }
    }

    /** CPU time of this whole JVM. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the adapter's event loops ({@code smpp-io-*}). */
    private static long loopThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("smpp-io-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** Runs a simulator (instant answers, no receipts) on {@code port} until the process is killed. */
    private static void serve(int port) throws InterruptedException {
        SmscSimulator smsc = SmscSimulator.builder().port(port).maxRecorded(1000).start();
        System.out.println("smsc-port " + smsc.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * Submits until the deadline or {@code max} messages, waits for every answer; returns how many were answered.
     * Keeps between one and two windows' worth outstanding: the submitting thread sleeps when two are, and is woken
     * once one is, so that it is woken once per window of answers, not once per answer (a per-answer hand-off
     * would measure thread wake-ups, not the adapter; callers of the adapter are many event loops, not one thread).
     */
    private static long run(JsmppCarrier carrier, int slotsInWindow, long deadline, int max, Recorder latencies)
            throws InterruptedException {
        int high = 2 * slotsInWindow;
        AtomicInteger outstanding = new AtomicInteger();
        AtomicLong answered = new AtomicLong();
        Object gate = new Object();
        Instant validUntil = Instant.now().plus(Duration.ofMinutes(5));
        long i = 0;
        while (i < max && System.nanoTime() < deadline) {
            if (outstanding.get() >= high) {
                // A monitor, not park/unpark: an unpark can be taken by a lock the submitting thread parks on.
                synchronized (gate) {
                    while (outstanding.get() > slotsInWindow && System.nanoTime() < deadline) {
                        gate.wait(100);
                    }
                }
                continue;
            }
            OutboundSms sms = new OutboundSms("b" + i, Msisdn.parse(String.format("8496%07d", i % 10_000_000)),
                    "VNeID: bench message " + i, validUntil, false);
            outstanding.incrementAndGet();
            carrier.submit(sms).whenComplete((result, e) -> {
                if (e == null && result.accepted()) {
                    latencies.recordValue(Math.max(1, result.latency().toNanos() / 1000));
                    answered.incrementAndGet();
                }
                if (outstanding.decrementAndGet() == slotsInWindow) {
                    synchronized (gate) {
                        gate.notifyAll();
                    }
                }
            });
            i++;
        }
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < wait) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return answered.get();
    }

    private static List<Integer> ints(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String s : csv.split(",")) {
            values.add(Integer.parseInt(s.trim()));
        }
        return values;
    }
}
