package vn.vneid.gateway.notices.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.notices.queue.RedisWorkQueue.Entry;
import vn.vneid.redis.testing.RedisServerExtension;

/** The one work queue under lanes and webhooks, on a real Redis: batched settling, atomic retries, a lost group. */
class RedisWorkQueueIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static final RedisWorkQueue.Keys KEYS = new RedisWorkQueue.Keys("q:{t}", "q:{t}:wait", "q:{t}:dead");
    private static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisWorkQueue queue;

    @BeforeEach
    void connect() {
        client = RedisClient.create(redis.url());
        connection = client.connect();
        queue = new RedisWorkQueue(connection.async(), KEYS, "workers");
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void entriesSettledTogetherAreAcknowledgedAndDeletedInFewScripts() {
        int n = 500;
        List<Map<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(Map.of("n", Integer.toString(i)));
        }
        join(queue.appendAll(batch));
        List<Entry> read = join(queue.read("a", n));
        assertThat(read).hasSize(n);
        redis.commands().configResetstat();
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        read.forEach(e -> settled.add(queue.done(e.id()).toCompletableFuture()));
        CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).join();

        assertThat(redis.commands().xlen(KEYS.stream())).as("deleted").isZero();
        assertThat(redis.commands().xpending(KEYS.stream(), "workers").getCount()).as("acknowledged").isZero();
        long scripts = calls("evalsha") + calls("eval");
        assertThat(scripts).as("settled in batches, not one script per entry").isGreaterThan(0).isLessThan(n / 10);
    }

    @Test
    void aRetryReplacesItsEntryAndComesBackWhenDue() {
        join(queue.append(Map.of("job", "1", "try", "0")));
        Entry entry = join(queue.read("a", 10)).get(0);
        assertThat(join(queue.retryAt(entry.id(), Map.of("job", "1", "try", "1"), NOW.plusSeconds(30)))).isTrue();
        assertThat(join(queue.retryAt(entry.id(), Map.of("job", "1", "try", "2"), NOW.plusSeconds(30))))
                .as("no longer pending: not scheduled twice").isFalse();
        assertThat(join(queue.depth())).as("waiting, not lost").isEqualTo(1);
        assertThat(join(queue.promoteDue(NOW.plusSeconds(29), 100))).isZero();
        assertThat(join(queue.promoteDue(NOW.plusSeconds(30), 100))).isEqualTo(1);
        assertThat(join(queue.read("a", 10))).singleElement()
                .satisfies(e -> assertThat(e.fields()).containsEntry("job", "1").containsEntry("try", "1"));
    }

    @Test
    void aGroupRedisLostIsMadeAgainFromTheStartOfTheStream() {
        join(queue.append(Map.of("n", "1")));
        assertThat(join(queue.read("a", 10))).hasSize(1);
        redis.commands().xgroupDestroy(KEYS.stream(), "workers");   // as after a failover to a replica that missed it
        join(queue.append(Map.of("n", "2")));
        assertThat(join(queue.read("a", 10))).as("nothing still in the stream is skipped")
                .extracting(e -> e.fields().get("n")).containsExactly("1", "2");
    }

    @Test
    void anAppendBelowTheCapIsRefusedWithTheDepthAtTheCap() {
        assertThat(join(queue.appendBelow(2, Map.of("n", "1")))).isEqualTo(-1);
        assertThat(join(queue.appendBelow(2, Map.of("n", "2")))).isEqualTo(-1);
        assertThat(join(queue.appendBelow(2, Map.of("n", "3")))).isEqualTo(2);
        assertThat(redis.commands().xlen(KEYS.stream())).isEqualTo(2);
    }

    @Test
    void anEntryIdleWithADeadConsumerIsTakenOver() {
        join(queue.append(Map.of("n", "1")));
        assertThat(join(queue.read("dead", 10))).hasSize(1);
        assertThat(join(queue.reclaim("alive", Duration.ofMinutes(1), "0-0", 10)).entries()).as("not idle yet").isEmpty();
        RedisWorkQueue.Claimed claimed = join(queue.reclaim("alive", Duration.ZERO, "0-0", 10));
        assertThat(claimed.entries()).extracting(e -> e.fields().get("n")).containsExactly("1");
        assertThat(claimed.next()).isEqualTo("0-0");
    }

    private static long calls(String command) {
        for (String line : redis.commands().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
