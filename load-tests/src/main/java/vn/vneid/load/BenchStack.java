package vn.vneid.load;

import java.io.IOException;
import java.time.Duration;
import vn.vneid.redis.LocalRedis;
import vn.vneid.smpp.simulator.SimulatorHttp;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * What a bench runs the gateway against, on loopback: a private Redis (no persistence; redis-server from PATH
 * or the embedded binary) and an SMSC simulator with its HTTP view. The gateway itself runs in its own process
 * with a production configuration pointing here ({@code load-tests/bench.sh}), so its memory and CPU are its own.
 *
 * <p>As a program it prints one line {@code STACK redis=redis://127.0.0.1:P smpp=127.0.0.1:P sim=http://127.0.0.1:P}
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

    /** Starts Redis, the simulator and its HTTP view on ephemeral loopback ports. */
    public static BenchStack start() {
        // Persistent as in production (the gateway refuses a Redis that would lose accepted work on a restart).
        LocalRedis redis = new LocalRedis().persistentEverySecond().start();
        SmscSimulator smsc = null;
        try {
            smsc = SmscSimulator.builder().receiptDelay(RECEIPT_DELAY).maxRecorded(RECORDED).start();
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

    public static void main(String[] args) throws IOException {
        BenchStack stack = start();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop"));
        System.out.println("STACK redis=" + stack.redisUrl() + " smpp=127.0.0.1:" + stack.smppPort() + " sim="
                + stack.simulatorUrl());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes our standard input
        }
        System.exit(0);
    }
}
