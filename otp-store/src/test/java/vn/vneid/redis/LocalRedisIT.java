package vn.vneid.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LocalRedisIT {

    private static String ping(String url) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().ping();
        } finally {
            client.shutdown();
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void startsOnLoopbackAndRestartsOnTheSamePort() {
        try (LocalRedis redis = new LocalRedis().start()) {
            int port = redis.port();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(ping(redis.url())).isEqualTo("PONG");

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThat(portIsFree(port)).isTrue();

            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(ping(redis.url())).isEqualTo("PONG");
        }
    }

    @Test
    void embeddedBinaryWorksWhenNoneIsInstalled() {
        String arch = System.getProperty("os.arch");
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
        assumeThat(arch).isIn("amd64", "x86_64");
        try (LocalRedis redis = new LocalRedis(LocalRedis.embeddedBinary()).start()) {
            assertThat(ping(redis.url())).isEqualTo("PONG");
        }
    }

    @Test
    void twoServersGetDifferentPorts() {
        try (LocalRedis a = new LocalRedis().start(); LocalRedis b = new LocalRedis().start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
        }
    }

    @Test
    void aPersistentServerKeepsItsDataAcrossAKillUntilRestartedEmpty() {
        try (LocalRedis redis = new LocalRedis().persistent().start()) {
            set(redis.url(), "lane", "entry");
            redis.stop();
            redis.start();
            assertThat(get(redis.url(), "lane")).as("kept through a kill").isEqualTo("entry");

            redis.restartEmpty();
            assertThat(get(redis.url(), "lane")).as("gone after a restart without its data").isNull();
        }
    }

    @Test
    void aVolatileServerComesBackEmpty() {
        try (LocalRedis redis = new LocalRedis().start()) {
            set(redis.url(), "lane", "entry");
            redis.stop();
            redis.start();
            assertThat(get(redis.url(), "lane")).isNull();
        }
    }

    private static void set(String url, String key, String value) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(key, value);
        } finally {
            client.shutdown();
        }
    }

    private static String get(String url, String key) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().get(key);
        } finally {
            client.shutdown();
        }
    }
}
