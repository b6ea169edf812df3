package vn.vneid.gateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link LoggingConfig} to Logback once at start: console output as JSON lines or text, behind an
 * asynchronous appender that drops rather than blocks when it cannot keep up (a log line is never worth an
 * event-loop stall), and the configured levels. Libraries' chatter (jSMPP, Netty, Lettuce) is WARN unless the
 * config says otherwise.
 */
public final class LoggingSetup {
    private static final Map<String, String> QUIET = Map.of("org.jsmpp", "warn", "io.netty", "warn", "io.lettuce", "warn");

    private LoggingSetup() {
    }

    public static void apply(LoggingConfig config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend (e.g. in a library's tests): leave it alone
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder(context, config.format()));
        console.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(8192);
        async.setNeverBlock(true);
        async.addAppender(console);
        async.start();
        root.addAppender(async);

        root.setLevel(Level.toLevel(config.rootLevel(), Level.INFO));
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
        config.levels().forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
    }

    /** Flushes what the asynchronous appender still holds; called on shutdown. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LoggingConfig.Format format) {
        if (format == LoggingConfig.Format.TEXT) {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg %kvp%n%ex");
            text.start();
            return text;
        }
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithArguments(false);
        json.setWithMessage(false);
        json.setWithFormattedMessage(true);
        json.start();
        return json;
    }
}
