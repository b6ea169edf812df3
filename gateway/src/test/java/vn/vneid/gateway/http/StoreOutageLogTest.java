package vn.vneid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.vneid.redis.StoreUnavailableException;
import vn.vneid.otp.testing.MutableClock;

class StoreOutageLogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
    private final StoreOutageLog outages = new StoreOutageLog(clock, Duration.ofSeconds(30));
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(StoreOutageLog.class);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void anOutageIsOneWarningThenACountPerIntervalThenOneLineWhenTheStoreAnswers() {
        RuntimeException cause = new StoreUnavailableException("send message: cannot connect to Redis", null);
        for (int i = 0; i < 1_000; i++) {
            outages.refused("/v1/messages", cause);
        }
        assertThat(lines.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
            assertThat(kv(e, "event")).isEqualTo("store.unavailable");
            assertThat(kv(e, "route")).isEqualTo("/v1/messages");
        });
        assertThat(outages.isDown()).isTrue();

        clock.advance(Duration.ofSeconds(31));
        outages.refused("/v1/campaigns", cause);
        outages.refused("/v1/campaigns", cause);
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getLevel()).isEqualTo(Level.WARN);
        assertThat(kv(lines.list.get(1), "event")).isEqualTo("store.still_unavailable");
        assertThat(kv(lines.list.get(1), "refused")).isEqualTo("1000");

        clock.advance(Duration.ofSeconds(5));
        outages.answered();
        outages.answered();
        assertThat(lines.list).hasSize(3);
        assertThat(lines.list.get(2).getLevel()).isEqualTo(Level.INFO);
        assertThat(kv(lines.list.get(2), "event")).isEqualTo("store.available");
        assertThat(kv(lines.list.get(2), "outageSeconds")).isEqualTo("36");
        assertThat(kv(lines.list.get(2), "refused")).isEqualTo("1002");
        assertThat(outages.isDown()).isFalse();
    }

    @Test
    void aSecondOutageIsAnnouncedAgain() {
        RuntimeException cause = new StoreUnavailableException("read message: timed out", null);
        outages.refused("/v1/messages/:id", cause);
        outages.answered();
        outages.refused("/v1/messages/:id", cause);
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
    }

    @Test
    void successesWithoutAnOutageLogNothing() {
        for (int i = 0; i < 100; i++) {
            outages.answered();
        }
        assertThat(lines.list).isEmpty();
    }

    private static String kv(ILoggingEvent e, String key) {
        return e.getKeyValuePairs().stream().filter(p -> p.key.equals(key)).map(p -> String.valueOf(p.value))
                .findFirst().orElse(null);
    }
}
