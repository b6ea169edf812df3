package vn.vneid.smpp.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every SMPP session of the process runs on: one small group shared by all carriers and binds,
 * so that the number of threads depends neither on the window nor on the number of binds. {@link #THREADS}
 * threads (1 on a 2-core machine, at most 2), daemons named {@code smpp-io-*}, on epoll when the native
 * transport is available (it is on Linux x86_64 and aarch64), else on NIO. The group is counted: the first
 * {@link #acquire()} starts it, the last {@link #release()} stops it, so a test JVM that closes its carriers is
 * left with no SMPP thread.
 */
public final class SmppEventLoops {
    /** Threads of the group: a quarter of the cores, at least 1, at most 2. */
    public static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 4));
    private static final boolean EPOLL = Epoll.isAvailable();

    private static EventLoopGroup group;
    private static int users;

    private SmppEventLoops() {
    }

    /** The shared group, started if needed; pair every call with one {@link #release()}. */
    public static synchronized EventLoopGroup acquire() {
        if (group == null || group.isShuttingDown()) {
            IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
            group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("smpp-io", true), io);
            users = 0;
        }
        users++;
        return group;
    }

    /** One user less; the last one stops the group (in the background, at once: nothing is left to run). */
    public static synchronized void release() {
        if (group != null && --users <= 0) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
            users = 0;
        }
    }

    /** The socket channel class that goes with the group's transport. */
    public static Class<? extends SocketChannel> channelType() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** "epoll" or "nio", for the start-up log line. */
    public static String transport() {
        return EPOLL ? "epoll" : "nio";
    }
}
