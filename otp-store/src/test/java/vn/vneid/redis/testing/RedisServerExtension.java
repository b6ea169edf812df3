package vn.vneid.redis.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.vneid.redis.LocalRedis;

/**
 * One real, throwaway Redis per test class, emptied ({@code FLUSHALL}) before each test and restarted on the
 * same port if a test stopped it. Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = new RedisServerExtension();
 * }</pre>
 * {@link #url()} is for the code under test; {@link #commands()} is a plain synchronous connection for the
 * test to look into Redis.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final int persistence;
    private LocalRedis server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    /** A Redis without persistence: a restart after {@link LocalRedis#stop()} comes back empty. */
    public RedisServerExtension() {
        this(0);
    }

    private RedisServerExtension(int persistence) {
        this.persistence = persistence;
    }

    /** A Redis with an append-only file fsynced on every write: a restart after {@link LocalRedis#stop()} keeps the data. */
    public static RedisServerExtension persistent() {
        return new RedisServerExtension(2);
    }

    /** A Redis with an append-only file fsynced every second, as in production: it survives gateway crashes, not its own. */
    public static RedisServerExtension persistentEverySecond() {
        return new RedisServerExtension(1);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalRedis local = new LocalRedis();
        server = (persistence == 2 ? local.persistent() : persistence == 1 ? local.persistentEverySecond() : local).start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!server.isRunning()) {
            server.start();
            closeInspector();
        }
        commands().flushall();
        commands().scriptFlush();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeInspector();
        if (server != null) {
            server.close();
        }
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    /** The server itself, to {@link LocalRedis#stop()} and {@link LocalRedis#start()} it. */
    public LocalRedis server() {
        return server;
    }

    /** A synchronous connection for assertions on what is stored; reopened after a restart. */
    public synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            closeInspector();
            client = RedisClient.create(url());
            connection = client.connect();
        }
        return connection.sync();
    }

    private synchronized void closeInspector() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }
}
