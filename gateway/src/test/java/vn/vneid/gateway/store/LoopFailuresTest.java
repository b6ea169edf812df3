package vn.vneid.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoopFailuresTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.loop");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final LoopFailures failures = new LoopFailures(logger, "dispatch round");

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
    void aRunOfFailuresIsOneWarningAndOneLineWhenItWorksAgain() {
        failures.succeeded();
        for (int i = 0; i < 500; i++) {
            failures.failed(new IllegalStateException("Redis down"));
        }
        failures.succeeded();
        failures.succeeded();
        failures.failed(new IllegalStateException("again"));

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
        assertThat(lines.list.get(0).getFormattedMessage()).contains("dispatch round failed").contains("Redis down");
        assertThat(lines.list.get(1).getFormattedMessage()).contains("after 500 failed attempts");
    }
}
