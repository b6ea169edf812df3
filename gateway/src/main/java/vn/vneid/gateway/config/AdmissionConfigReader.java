package vn.vneid.gateway.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.vneid.gateway.admission.AdmissionConfig;
import vn.vneid.gateway.admission.RequestClass;

/**
 * Reads the {@code admission:} section; every key is optional and keeps its default:
 * <pre>
 * admission:
 *   algorithm: gradient2        # gradient2 | vegas | fixed
 *   initialLimit: 100           # requests in flight at the start (the whole limit with fixed)
 *   minLimit: 20
 *   maxLimit: 200
 *   shares: {bulk: 0.5, transactional: 0.7, issue: 0.9, verify: 1.0}
 *   retryAfter: 1s
 * </pre>
 */
final class AdmissionConfigReader {
    private AdmissionConfigReader() {
    }

    static AdmissionConfig read(YamlNode root) {
        YamlNode node = root.node("admission");
        AdmissionConfig d = AdmissionConfig.defaults();
        for (String key : node.keys()) {
            if (!List.of("algorithm", "initialLimit", "minLimit", "maxLimit", "shares", "retryAfter").contains(key)) {
                throw new ConfigException("admission." + key, "is not a setting; use algorithm, initialLimit, minLimit, "
                        + "maxLimit, shares or retryAfter");
            }
        }
        AdmissionConfig.Algorithm algorithm = algorithm(node.string("algorithm"), d.algorithm());
        int initial = node.integer("initialLimit").orElse(d.initialLimit());
        int min = node.integer("minLimit").orElse(algorithm == AdmissionConfig.Algorithm.FIXED ? 1 : d.minLimit());
        int max = node.integer("maxLimit").orElse(algorithm == AdmissionConfig.Algorithm.FIXED
                ? Math.max(initial, 1) : Math.max(d.maxLimit(), initial));
        Duration retryAfter = node.duration("retryAfter").orElse(d.retryAfter());
        return new AdmissionConfig(algorithm, initial, min, max, shares(node.node("shares"), d.shares()), retryAfter);
    }

    private static AdmissionConfig.Algorithm algorithm(String raw, AdmissionConfig.Algorithm fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return AdmissionConfig.Algorithm.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("admission.algorithm", "must be gradient2, vegas or fixed, got '" + raw + "'");
        }
    }

    private static Map<RequestClass, Double> shares(YamlNode node, Map<RequestClass, Double> defaults) {
        Map<RequestClass, Double> shares = new EnumMap<>(defaults);
        for (String label : node.keys()) {
            RequestClass c = classOf(label);
            Object v = node.path(label);
            if (!(v instanceof Number n)) {
                throw new ConfigException("admission.shares." + label, "must be a number in (0, 1], got '" + v + "'");
            }
            shares.put(c, n.doubleValue());
        }
        return shares;
    }

    private static RequestClass classOf(String label) {
        for (RequestClass c : RequestClass.values()) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw new ConfigException("admission.shares." + label, "is not a class; use bulk, transactional, issue or verify");
    }
}
