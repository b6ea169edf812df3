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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * the client's CPU per submit_sm, two ways: {@code cpu µs} is this JVM's whole CPU time (every thread, GC and
 * JIT included) over the measured interval divided by the submit_sm answered, meaningful when the simulator runs
 * in another process ({@code --smsc-port}); {@code io µs} is the CPU time of the adapter's own threads (the
 * {@code smpp-io-*} event loops) plus the thread that submits, from {@link ThreadMXBean}, meaningful either way.
 * With {@code --serve-smsc PORT} it only runs a simulator (instant, no receipts) until killed, for that other
 * process.
 *
 * <pre>java -cp … vn.vneid.load.AdapterBench [--binds 1,2,4] [--windows 1,10,64,256] [--latencies 0ms,20ms]
 *      [--seconds 5] [--max-messages 300000] [--smsc-port P]
 * java -cp … vn.vneid.load.AdapterBench --serve-smsc 0</pre>
 */
public final class AdapterBench {
    private final int seconds;
    private final int maxMessages;
    /** A simulator in another process, or 0: one in this process per cell. */
    private final int smscPort;

    private AdapterBench(int seconds, int maxMessages, int smscPort) {
        this.seconds = seconds;
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
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--binds" -> binds = ints(args[i + 1]);
                case "--windows" -> windows = ints(args[i + 1]);
                case "--latencies" -> latencies = List.of(args[i + 1].split(",")).stream()
                        .map(s -> Duration.ofMillis(Long.parseLong(s.replace("ms", "")))).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--max-messages" -> maxMessages = Integer.parseInt(args[i + 1]);
                case "--smsc-port" -> smscPort = Integer.parseInt(args[i + 1]);
                case "--serve-smsc" -> {
                    serve(Integer.parseInt(args[i + 1]));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (seconds < 1 || seconds > 60 || maxMessages < 1 || maxMessages > 5_000_000) {
            throw new IllegalArgumentException("--seconds must be 1..60 and --max-messages 1..5000000");
        }
        if (smscPort != 0) {
            latencies = List.of(Duration.ZERO);   // the other process's simulator answers at once
        }
        AdapterBench bench = new AdapterBench(seconds, maxMessages, smscPort);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "SMPP adapter alone -> SmscSimulator on 127.0.0.1 (%s), 1-segment GSM-7 messages, %d s or %d messages per cell%n",
                smscPort == 0 ? "in this process: cpu µs includes it" : "in another process, port " + smscPort,
                seconds, maxMessages);
        out.println(" binds | window | smsc latency | submit_sm/s | p50 ms | p99 ms |    sent | cpu µs | io µs");
        out.println("-------+--------+--------------+-------------+--------+--------+---------+--------+-------");
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
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                run(carrier, binds * window, deadline, Math.min(2000, maxMessages), new Recorder(3)); // warm-up
                Recorder latencies = new Recorder(3);
                long processCpu = processCpuNanos();
                long clientCpu = clientThreadsCpuNanos();
                long start = System.nanoTime();
                long sent = run(carrier, binds * window, start + TimeUnit.SECONDS.toNanos(seconds), maxMessages, latencies);
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpuMicros = (processCpuNanos() - processCpu) / 1e3 / Math.max(1, sent);
                double ioMicros = (clientThreadsCpuNanos() - clientCpu) / 1e3 / Math.max(1, sent);
                Histogram h = latencies.getIntervalHistogram();
                out.printf(Locale.ROOT, " %5d | %6d | %9d ms | %11.0f | %6.2f | %6.2f | %7d | %6.1f | %5.1f%n", binds, window,
                        latency.toMillis(), sent / elapsed, h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0, sent, cpuMicros, ioMicros);
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

    /** CPU time of the adapter's event loops ({@code smpp-io-*}) and of this (the submitting) thread. */
    private static long clientThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = threads.getCurrentThreadCpuTime();
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

    /** Submits until the deadline or {@code max} messages, waits for every answer; returns how many were answered. */
    private static long run(JsmppCarrier carrier, int slotsInWindow, long deadline, int max, Recorder latencies)
            throws InterruptedException {
        int outstanding = 2 * slotsInWindow;
        Semaphore slots = new Semaphore(outstanding);
        AtomicLong answered = new AtomicLong();
        Instant validUntil = Instant.now().plus(Duration.ofMinutes(5));
        long i = 0;
        while (i < max && System.nanoTime() < deadline) {
            if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            OutboundSms sms = new OutboundSms("b" + i, Msisdn.parse(String.format("8496%07d", i % 10_000_000)),
                    "VNeID: bench message " + i, validUntil, false);
            carrier.submit(sms).whenComplete((result, e) -> {
                if (e == null && result.accepted()) {
                    latencies.recordValue(Math.max(1, result.latency().toNanos() / 1000));
                    answered.incrementAndGet();
                }
                slots.release();
            });
            i++;
        }
        slots.tryAcquire(outstanding, 30, TimeUnit.SECONDS);
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
