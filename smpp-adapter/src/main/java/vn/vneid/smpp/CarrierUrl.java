package vn.vneid.smpp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link CarrierConfig} from
 * {@code smpp://systemId:password@host:port?binds=N&window=W&tps=T&source=VNeID&systemType=X&enquireLink=30s
 * &responseTimeout=5s&reconnectMin=250ms&reconnectMax=30s}. systemId and password may be URL-encoded. Port
 * defaults to 2775; other defaults: binds 1, window 32, tps 1000, source VNeID, enquireLink 30s,
 * responseTimeout 5s, reconnect 250ms..30s. Carrier quirks: {@code bind=trx|tx}, {@code longMessages=udh8|udh16|payload},
 * {@code onTimeout=never|resend_once}, {@code receiptIds=same|hex_submit_decimal_receipt|decimal_submit_hex_receipt}
 * (defaults first). Durations are {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}
 * or ISO-8601 ({@code PT30S}). Unknown parameters are refused, so typos do not pass silently.
 * Every {@link IllegalArgumentException} names the setting, e.g. {@code GW_SMSC_URL: port must be 1..65535}.
 */
public final class CarrierUrl {
    public static final int DEFAULT_PORT = 2775;
    private static final Set<String> PARAMETERS = Set.of("binds", "window", "tps", "source", "systemType",
            "enquireLink", "responseTimeout", "reconnectMin", "reconnectMax", "bind", "longMessages", "onTimeout",
            "receiptIds");
    private static final Pattern BRANDNAME = Pattern.compile("[A-Za-z0-9 ._-]{1,11}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private CarrierUrl() {
    }

    /** Parses {@code url} for the carrier called {@code name}; errors are prefixed with {@code name}. */
    public static CarrierConfig parse(String name, String url) {
        return parse(name, name, url);
    }

    /**
     * Parses {@code url} for the carrier {@code carrierName}; errors are prefixed with {@code setting}, the
     * configuration key the URL came from (e.g. {@code GW_SMSC_URL}).
     */
    public static CarrierConfig parse(String carrierName, String setting, String url) {
        if (url == null || url.isBlank()) {
            throw error(setting, "is required, as smpp://systemId:password@host:port");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw error(setting, "is not a valid URL (" + e.getReason() + ")");
        }
        if (!"smpp".equalsIgnoreCase(uri.getScheme())) {
            throw error(setting, "scheme must be smpp://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw error(setting, "host is missing or invalid");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw error(setting, "port must be 1..65535");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw error(setting, "systemId is missing (smpp://systemId:password@host:port)");
        }
        int colon = userInfo.indexOf(':');
        String systemId = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), setting, "systemId");
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1), setting, "password");
        if (systemId.isEmpty() || systemId.length() > 15) {
            throw error(setting, "systemId must be 1..15 characters");
        }
        if (password.length() > 8) {
            throw error(setting, "password must be at most 8 characters (SMPP 3.4)");
        }
        Map<String, String> query = query(uri.getRawQuery(), setting);
        int binds = integer(query, "binds", 1, setting);
        int window = integer(query, "window", 32, setting);
        int tps = integer(query, "tps", 1000, setting);
        String source = query.getOrDefault("source", "VNeID");
        validateBrandname(source, setting);
        String systemType = query.getOrDefault("systemType", "");
        Duration enquireLink = duration(query, "enquireLink", Duration.ofSeconds(30), setting);
        Duration responseTimeout = duration(query, "responseTimeout", Duration.ofSeconds(5), setting);
        Duration reconnectMin = duration(query, "reconnectMin", Duration.ofMillis(250), setting);
        Duration reconnectMax = duration(query, "reconnectMax", Duration.ofSeconds(30), setting);
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw error(setting, "reconnectMax must not be less than reconnectMin");
        }
        BindMode bind = choice(query, "bind", Map.of("trx", BindMode.TRANSCEIVER, "tx", BindMode.TRANSMITTER),
                BindMode.TRANSCEIVER, setting);
        LongMessageMode longMessages = choice(query, "longMessages", Map.of("udh8", LongMessageMode.UDH8,
                "udh16", LongMessageMode.UDH16, "payload", LongMessageMode.PAYLOAD), LongMessageMode.UDH8, setting);
        ResponseTimeoutPolicy onTimeout = choice(query, "onTimeout", Map.of("never", ResponseTimeoutPolicy.NEVER_RESEND,
                "resend_once", ResponseTimeoutPolicy.RESEND_ONCE), ResponseTimeoutPolicy.NEVER_RESEND, setting);
        ReceiptIdFormat receiptIds = choice(query, "receiptIds", Map.of("same", ReceiptIdFormat.SAME,
                "hex_submit_decimal_receipt", ReceiptIdFormat.HEX_SUBMIT_DECIMAL_RECEIPT,
                "decimal_submit_hex_receipt", ReceiptIdFormat.DECIMAL_SUBMIT_HEX_RECEIPT), ReceiptIdFormat.SAME, setting);
        try {
            return new CarrierConfig(carrierName, host, port, systemId, password, systemType, binds, window, tps,
                    source, enquireLink, responseTimeout, reconnectMin, reconnectMax, bind, longMessages, onTimeout,
                    receiptIds);
        } catch (IllegalArgumentException e) {
            throw error(setting, e.getMessage());
        }
    }

    /**
     * An alphanumeric sender id: 1..11 letters, digits, space, '-', '_' or '.', and not digits only (a
     * numeric source would be sent with the wrong TON).
     */
    public static void validateBrandname(String source, String setting) {
        if (source == null || !BRANDNAME.matcher(source).matches()) {
            throw error(setting, "source must be 1..11 letters, digits, space, '-', '_' or '.'");
        }
        if (source.chars().allMatch(Character::isDigit)) {
            throw error(setting, "source must not be digits only (it is an alphanumeric brandname)");
        }
    }

    private static <T> T choice(Map<String, String> query, String name, Map<String, T> options, T fallback,
                                String setting) {
        String raw = query.get(name);
        if (raw == null) {
            return fallback;
        }
        T value = options.get(raw.toLowerCase(java.util.Locale.ROOT));
        if (value == null) {
            throw error(setting, name + " must be one of " + new java.util.TreeSet<>(options.keySet()) + ", got '" + raw + "'");
        }
        return value;
    }

    private static Map<String, String> query(String rawQuery, String setting) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), setting, "parameter");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), setting, key);
            if (!PARAMETERS.contains(key)) {
                throw error(setting, "unknown parameter '" + key + "' (known: " + String.join(", ",
                        PARAMETERS.stream().sorted().toList()) + ")");
            }
            values.put(key, value);
        }
        return values;
    }

    private static int integer(Map<String, String> query, String key, int fallback, String setting) {
        String value = query.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw error(setting, key + " must be a whole number, was '" + value + "'");
        }
    }

    static Duration duration(Map<String, String> query, String key, Duration fallback, String setting) {
        String value = query.get(key);
        if (value == null) {
            return fallback;
        }
        Duration parsed = parseDuration(value.trim().toLowerCase(Locale.ROOT));
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw error(setting, key + " must be a positive duration such as 250ms, 30s or 5m, was '" + value + "'");
        }
        return parsed;
    }

    private static Duration parseDuration(String value) {
        Matcher m = SHORT_DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                default: return Duration.ofHours(amount);
            }
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String decode(String raw, String setting, String what) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw error(setting, what + " has a bad %-escape");
        }
    }

    private static IllegalArgumentException error(String setting, String message) {
        return new IllegalArgumentException(setting + ": " + message);
    }
}
