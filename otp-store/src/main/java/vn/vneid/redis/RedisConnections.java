package vn.vneid.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce client and its connections to a single Redis ({@code redis://} or {@code rediss://};
 * Redis Cluster is not supported yet), set up so that "Redis down" is answered quickly: while disconnected,
 * commands are rejected at once instead of queued; every command times out after {@code commandTimeout};
 * connections reconnect in the background (100 ms growing to 5 s between tries). Share one instance per
 * process; commands from all callers pipeline on {@link #connection()}, and {@link #additional()} opens
 * another connection (served by another I/O thread) for a separate stream of work. Closing it closes
 * everything.
 *
 * <p>Each connection's I/O thread encodes, writes and decodes every command on it and runs the callers'
 * continuations, so it is where the OTP path queues under load. Flushes are consolidated
 * ({@link FlushConsolidationHandler}): commands written while replies are being read, or in one task, leave in
 * one {@code write} instead of one system call each.
 */
public final class RedisConnections implements AutoCloseable {
    /** Flush at the latest after this many writes even while a read is still in progress. */
    private static final int FLUSH_AFTER_WRITES = 64;

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final List<StatefulRedisConnection<String, String>> additional = new ArrayList<>();

    private RedisConnections(ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, String> connection) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects now. Fails with {@link IllegalArgumentException} for a malformed URL and with
     * {@link StoreUnavailableException} when Redis cannot be reached within {@code commandTimeout}.
     */
    public static RedisConnections open(String redisUrl, Duration commandTimeout) {
        Objects.requireNonNull(redisUrl, "redisUrl");
        if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive");
        }
        if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://");
        }
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(commandTimeout);
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2,
                        TimeUnit.MILLISECONDS))
                .nettyCustomizer(new ConsolidatedFlushes())
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .build());
        try {
            return new RedisConnections(resources, client, client.connect());
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new StoreUnavailableException(
                    "cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
    }

    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    public RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    public RedisClient client() {
        return client;
    }

    /**
     * Opens one more connection with the same options, closed by {@link #close}. Commands on different
     * connections are not ordered with respect to each other.
     */
    public synchronized StatefulRedisConnection<String, String> additional() {
        try {
            StatefulRedisConnection<String, String> more = client.connect();
            additional.add(more);
            return more;
        } catch (RedisException e) {
            throw new StoreUnavailableException("cannot open another connection to Redis", e);
        }
    }

    @Override
    public synchronized void close() {
        additional.forEach(StatefulRedisConnection::close);
        connection.close();
        client.shutdown();
        resources.shutdown();
    }

    /** Puts a {@link FlushConsolidationHandler} first in every new channel's pipeline (reconnects included). */
    private static final class ConsolidatedFlushes implements NettyCustomizer {
        @Override
        public void afterChannelInitialized(Channel channel) {
            channel.pipeline().addFirst(new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true));
        }
    }
}
