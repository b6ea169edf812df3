package vn.vneid.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in config: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 7d}, or ISO-8601. */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** {@code key} names the setting in the error; numbers are seconds. */
    public static Duration parse(String key, Object value) {
        if (value instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        String text = String.valueOf(value).trim();
        Matcher m = SIMPLE.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "must be a duration such as 500ms, 60s, 5m, 24h or PT5M, got '" + text + "'");
        }
    }
}
