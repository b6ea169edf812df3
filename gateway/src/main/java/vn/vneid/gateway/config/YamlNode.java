package vn.vneid.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A read-only walk over the parsed YAML tree that knows the dotted path of where it is, for error messages. */
final class YamlNode {
    private final String path;
    private final Object value;

    YamlNode(String path, Object value) {
        this.path = path;
        this.value = value;
    }

    static YamlNode empty() {
        return new YamlNode("", Map.of());
    }

    YamlNode node(String... keys) {
        YamlNode at = this;
        for (String key : keys) {
            String childPath = at.path.isEmpty() ? key : at.path + "." + key;
            Object child = at.value instanceof Map<?, ?> m ? m.get(key) : null;
            if (child != null && !(child instanceof Map<?, ?>) && key != keys[keys.length - 1]) {
                throw new ConfigException(childPath, "must be a mapping");
            }
            at = new YamlNode(childPath, child);
        }
        return at;
    }

    Object path(String... keys) {
        return node(keys).value;
    }

    Set<String> keys() {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new ConfigException(path, "must be a mapping");
        }
        @SuppressWarnings("unchecked")
        Set<String> keys = (Set<String>) (Set<?>) m.keySet();
        return keys;
    }

    String string(String... keys) {
        Object v = path(keys);
        return v == null ? null : String.valueOf(v);
    }

    Optional<Integer> integer(String... keys) {
        Object v = path(keys);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Integer i) {
            return Optional.of(i);
        }
        throw new ConfigException(node(keys).path, "must be a whole number, got '" + v + "'");
    }

    Optional<Duration> duration(String... keys) {
        Object v = path(keys);
        return v == null ? Optional.empty() : Optional.of(Durations.parse(node(keys).path, v));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String key) {
        Object v = path(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l) || !l.stream().allMatch(e -> e instanceof Map<?, ?>)) {
            throw new ConfigException(node(key).path, "must be a list of mappings");
        }
        return (List<Map<String, Object>>) v;
    }
}
