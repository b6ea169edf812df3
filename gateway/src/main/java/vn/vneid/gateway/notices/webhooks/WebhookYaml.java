package vn.vneid.gateway.notices.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import vn.vneid.gateway.config.ConfigException;
import vn.vneid.gateway.config.Durations;

/**
 * Reads the {@code webhooks:} section of the gateway's YAML into a {@link WebhookConfig}; every error names
 * its dotted key. Durations are written as elsewhere in the config ({@code 500ms}, {@code 60s}, {@code 5m},
 * {@code 24h}, {@code 7d} or ISO-8601).
 */
final class WebhookYaml {
    private static final Set<String> KEYS = Set.of("secret", "clients", "maxAttempts", "backoff", "requestTimeout",
            "allowedHosts", "claimIdle", "pollInterval", "batchSize");

    private WebhookYaml() {
    }

    static WebhookConfig read(Map<String, Object> section) {
        Objects.requireNonNull(section, "webhooks section");
        for (String key : section.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("webhooks." + key, "unknown setting; known are " + KEYS.stream().sorted().toList());
            }
        }
        Object secret = section.get("secret");
        if (!(secret instanceof String s) || s.isBlank()) {
            throw new ConfigException("webhooks.secret", "is required (at least " + WebhookConfig.MIN_SECRET_LENGTH + " characters)");
        }
        WebhookConfig d = WebhookConfig.defaults(s);
        Map<String, Object> backoff = mapping("webhooks.backoff", section.get("backoff"));
        for (String key : backoff.keySet()) {
            if (!key.equals("initial") && !key.equals("max")) {
                throw new ConfigException("webhooks.backoff." + key, "unknown setting; known are [initial, max]");
            }
        }
        return new WebhookConfig(s,
                clients(mapping("webhooks.clients", section.get("clients"))),
                integer("webhooks.maxAttempts", section.get("maxAttempts"), d.maxAttempts()),
                new WebhookConfig.Backoff(duration("webhooks.backoff.initial", backoff.get("initial"), d.backoff().initial()),
                        duration("webhooks.backoff.max", backoff.get("max"), d.backoff().max())),
                duration("webhooks.requestTimeout", section.get("requestTimeout"), d.requestTimeout()),
                strings("webhooks.allowedHosts", section.get("allowedHosts")),
                duration("webhooks.claimIdle", section.get("claimIdle"), d.claimIdle()),
                duration("webhooks.pollInterval", section.get("pollInterval"), d.pollInterval()),
                integer("webhooks.batchSize", section.get("batchSize"), d.batchSize()));
    }

    private static Map<String, WebhookConfig.ClientHooks> clients(Map<String, Object> yaml) {
        Map<String, WebhookConfig.ClientHooks> clients = new TreeMap<>();
        for (Map.Entry<String, Object> client : yaml.entrySet()) {
            String key = "webhooks.clients." + client.getKey();
            Map<String, Object> fields = mapping(key, client.getValue());
            for (String field : fields.keySet()) {
                if (!field.equals("url") && !field.equals("secret")) {
                    throw new ConfigException(key + "." + field, "unknown setting; known are [secret, url]");
                }
            }
            clients.put(client.getKey(), WebhookConfig.ClientHooks.of(string(key + ".url", fields.get("url")),
                    string(key + ".secret", fields.get("secret"))));
        }
        return clients;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(String key, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m) || !m.keySet().stream().allMatch(k -> k instanceof String)) {
            throw new ConfigException(key, "must be a mapping");
        }
        return (Map<String, Object>) m;
    }

    private static String string(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new ConfigException(key, "must be a non-empty string");
        }
        return s;
    }

    private static List<String> strings(String key, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l) || !l.stream().allMatch(e -> e instanceof String s && !s.isBlank())) {
            throw new ConfigException(key, "must be a list of host names (or \"*\")");
        }
        return l.stream().map(String.class::cast).toList();
    }

    private static int integer(String key, Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer i)) {
            throw new ConfigException(key, "must be a whole number, got '" + value + "'");
        }
        return i;
    }

    private static Duration duration(String key, Object value, Duration fallback) {
        return value == null ? fallback : Durations.parse(key, value);
    }

}
