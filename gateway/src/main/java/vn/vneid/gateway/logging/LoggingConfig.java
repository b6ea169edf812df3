package vn.vneid.gateway.logging;

import java.util.Map;

/**
 * How the gateway logs: {@code json} (one JSON object per line, the default) or {@code text} (dev mode's
 * default, for people reading a terminal); the root level; and levels per logger name (package), e.g.
 * {@code org.jsmpp: warn}. Levels are trace, debug, info, warn, error or off.
 */
public record LoggingConfig(Format format, String rootLevel, Map<String, String> levels) {
    public enum Format { JSON, TEXT }

    public LoggingConfig {
        levels = Map.copyOf(levels);
    }

    public static LoggingConfig defaults(boolean devMode) {
        return new LoggingConfig(devMode ? Format.TEXT : Format.JSON, "info", Map.of());
    }
}
