package vn.vneid.load;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import vn.vneid.redis.LocalRedis;
import vn.vneid.smpp.simulator.SimulatorHttp;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * What a bench runs the gateway against, on loopback: a private Redis (no persistence; redis-server from PATH
 * or the embedded binary) and an SMSC simulator with its HTTP view. The gateway itself runs in its own process
 * with a production configuration pointing here ({@code load-tests/bench.sh}), so its memory and CPU are its own.
 *
 * <p>As a program it prints one line {@code STACK redis=redis://127.0.0.1:P smpp=127.0.0.1:P sim=http://127.0.0.1:P
 * redis_pid=PID}
 * and runs until its standard input closes or it is stopped; both stop Redis and the simulator.
 */
public final class BenchStack implements AutoCloseable {
    /** The simulator keeps this many messages so that a run's end-to-end latency can be read back. */
    static final int RECORDED = 400_000;
    /** Receipts, as a real SMSC sends them, so the gateway's receipt path carries its share of the load. */
    static final Duration RECEIPT_DELAY = Duration.ofSeconds(1);

    private final LocalRedis redis;
    private final SmscSimulator smsc;
    private final SimulatorHttp smscHttp;

    private BenchStack(LocalRedis redis, SmscSimulator smsc, SimulatorHttp smscHttp) {
        this.redis = redis;
        this.smsc = smsc;
        this.smscHttp = smscHttp;
    }

    /** Starts Redis, the simulator (receipts after {@link #RECEIPT_DELAY}) and its HTTP view on ephemeral loopback ports. */
    public static BenchStack start() {
        return start(RECEIPT_DELAY);
    }

    /** As {@link #start()}, with receipts sent {@code receiptDelay} after each message ({@link Duration#ZERO}: at once). */
    public static BenchStack start(Duration receiptDelay) {
        // Persistent as in production (the gateway refuses a Redis that would lose accepted work on a restart).
        LocalRedis redis = new LocalRedis().persistentEverySecond().start();
        SmscSimulator smsc = null;
        try {
            smsc = SmscSimulator.builder().receiptDelay(receiptDelay).maxRecorded(RECORDED).start();
            return new BenchStack(redis, smsc, SimulatorHttp.start(smsc, 0));
        } catch (RuntimeException e) {
            if (smsc != null) {
                smsc.close();
            }
            redis.close();
            throw e;
        }
    }

    public String redisUrl() {
        return redis.url();
    }

    public int smppPort() {
        return smsc.port();
    }

    public String simulatorUrl() {
        return smscHttp.url();
    }

    public SmscSimulator simulator() {
        return smsc;
    }

    @Override
    public void close() {
        smscHttp.close();
        smsc.close();
        redis.close();
    }

    /**
     * The redis-server this process started, for reading its CPU time; -1 when not found. Matched by "redis" in its
     * executable's path, which is the link's target ({@code redis-check-rdb} on Debian, where redis-server links to it).
     */
    static long redisPid() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** {@code [--receipt-delay 1s]} ({@code 0ms}: receipts at once, as the closed-loop bench wants them). */
    public static void main(String[] args) throws IOException {
        Map<String, String> given = new HashMap<>();
        if (args.length == 2 && args[0].equals("--receipt-delay")) {
            given.put(args[0], args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: BenchStack [--receipt-delay 1s]");
            System.exit(2);
        }
        BenchStack stack = start(LoadOptions.duration(given, "--receipt-delay", RECEIPT_DELAY.toMillis() + "ms"));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop"));
        System.out.println("STACK redis=" + stack.redisUrl() + " smpp=127.0.0.1:" + stack.smppPort() + " sim="
                + stack.simulatorUrl() + " redis_pid=" + redisPid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes our standard input
        }
        System.exit(0);
    }
}
