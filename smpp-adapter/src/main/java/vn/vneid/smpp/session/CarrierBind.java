package vn.vneid.smpp.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.internal.Pdus;
import vn.vneid.smpp.internal.ReceiptReceiver;
import vn.vneid.smpp.internal.SmppClientSession;
import vn.vneid.smpp.internal.SmppEventLoops;

/**
 * One bind of a carrier (transceiver or transmitter, per {@link CarrierConfig#bindMode()}) and its lifecycle
 * ({@link BindState}), on one event loop of the shared group: connecting, binding, reconnecting and its
 * {@link SubmitWindow} all run there, never on the caller's thread, and no state here is touched elsewhere
 * (the state is volatile for readers such as {@link #isBound()}). After a failed bind or an unexpected close it
 * waits an exponential back-off with jitter between the config's reconnect minimum and maximum. The back-off
 * keeps growing while binds fail or sessions die young (a session that stayed up {@link #STABLE_AFTER} starts
 * again from the minimum), so a refusing or flapping SMSC is not hammered. enquire_link and the response timeouts
 * are the {@link SmppClientSession}'s; a missing enquire_link_resp closes the session, which lands here as an
 * unexpected close.
 */
final class CarrierBind implements SmppClientSession.Events {
    private static final Logger log = LoggerFactory.getLogger(CarrierBind.class);
    static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    /** Told when the bind goes up or down, to keep gauges and availability right; on the bind's loop. */
    interface Events {
        void bound(CarrierBind bind);

        void unbound(CarrierBind bind);
    }

    private final String label;
    private final CarrierConfig config;
    private final EventLoop loop;
    private final ReceiptReceiver receiver;
    private final Events events;
    private final SubmitWindow window;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile BindState state = BindState.IDLE;
    private SmppClientSession session;
    private int failedAttempts;
    private long boundAtNanos;

    CarrierBind(int index, JsmppCarrier carrier, EventLoop loop, ReceiptReceiver receiver, Events events) {
        this.config = carrier.config();
        this.label = config.name() + "#" + index;
        this.loop = loop;
        this.receiver = receiver;
        this.events = events;
        this.window = new SubmitWindow(carrier, loop, config.window());
    }

    BindState state() {
        return state;
    }

    /** Bind attempts since start, successful or not. */
    int attempts() {
        return attempts.get();
    }

    boolean isBound() {
        return state == BindState.BOUND;
    }

    EventLoop loop() {
        return loop;
    }

    SubmitWindow window() {
        return window;
    }

    /** Begins connecting in the background. */
    void start() {
        loop.execute(() -> {
            if (state == BindState.IDLE) {
                state = BindState.CONNECTING;
                connect();
            }
        });
    }

    /**
     * Stops reconnecting and unbinds (the session closes on unbind_resp or after the response timeout); from any
     * thread. Completes when the connection is closed (at once when there was none).
     */
    CompletableFuture<Void> close() {
        CompletableFuture<SmppClientSession> closing = new CompletableFuture<>();
        loop.execute(() -> {
            boolean wasBound = state == BindState.BOUND;
            state = BindState.CLOSED;
            SmppClientSession open = session;
            session = null;
            window.onSessionGone();
            if (wasBound) {
                events.unbound(this);
            }
            closing.complete(open);
        });
        return closing.thenCompose(open -> open == null ? CompletableFuture.completedFuture(null) : open.unbindAndClose());
    }

    // --- the session's events, on the loop ---

    @Override
    public void onBound(SmppClientSession bound) {
        if (state != BindState.CONNECTING) {
            bound.unbindAndClose();   // closed while we were binding
            return;
        }
        state = BindState.BOUND;
        session = bound;
        boundAtNanos = System.nanoTime();
        log.info("carrier bind {} bound to {}:{} ({})", label, config.host(), config.port(), SmppEventLoops.transport());
        events.bound(this);
        window.onBound(bound);
    }

    @Override
    public void onBindFailed(SmppClientSession failed, String why) {
        if (state != BindState.CONNECTING) {
            return;
        }
        failedAttempts++;
        Duration delay = scheduleReconnect();
        log.warn("carrier bind {} could not bind to {}:{} ({}); retrying in {} ms", label, config.host(),
                config.port(), why, delay.toMillis());
    }

    /** The SMSC or the network closed the session, or we found it dead. */
    @Override
    public void onClosed(SmppClientSession closed) {
        if (state != BindState.BOUND || session != closed) {
            return;
        }
        session = null;
        window.onSessionGone();
        boolean stable = System.nanoTime() - boundAtNanos >= STABLE_AFTER.toNanos();
        failedAttempts = stable ? 0 : failedAttempts + 1;
        Duration delay = scheduleReconnect();
        log.warn("carrier bind {} lost its session; reconnecting in {} ms", label, delay.toMillis());
        events.unbound(this);
    }

    // --- inside ---

    private void connect() {
        attempts.incrementAndGet();
        SmppClientSession fresh = new SmppClientSession(config, label, receiver, this);
        ChannelFuture connected = new Bootstrap().group(loop).channel(SmppEventLoops.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, config.responseTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(Pdus.MAX_LENGTH, 0, 4, -4, 0), fresh);
                    }
                })
                .connect(config.host(), config.port());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                onBindFailed(fresh, "cannot connect: " + f.cause());
            }
        });
    }

    private Duration scheduleReconnect() {
        state = BindState.WAITING_TO_RECONNECT;
        Duration delay = backoff(failedAttempts, config.reconnectDelayMin(), config.reconnectDelayMax());
        loop.schedule(this::onBackoffElapsed, delay.toMillis(), TimeUnit.MILLISECONDS);
        return delay;
    }

    private void onBackoffElapsed() {
        if (state == BindState.WAITING_TO_RECONNECT) {
            state = BindState.CONNECTING;
            connect();
        }
    }

    /**
     * min·2^attempts capped at max, then "equal jitter": a random point in its upper half, never below min.
     */
    static Duration backoff(int attempts, Duration min, Duration max) {
        long minMs = min.toMillis();
        long maxMs = Math.max(minMs, max.toMillis());
        long ceiling = attempts >= 30 ? maxMs : Math.min(maxMs, minMs << Math.min(attempts, 30));
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofMillis(Math.max(minMs, Math.min(maxMs, jittered)));
    }
}
