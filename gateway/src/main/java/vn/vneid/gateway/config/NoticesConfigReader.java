package vn.vneid.gateway.config;

import java.time.LocalTime;
import java.time.ZoneId;
import vn.vneid.gateway.notices.QuietHours;
import vn.vneid.gateway.notices.dispatch.DispatchConfig;
import vn.vneid.gateway.notices.templates.TemplateRegistry;
import vn.vneid.gateway.notices.webhooks.WebhookConfig;

/**
 * Reads {@code templates:} (a list, see the README) and {@code dispatch:} ({@code maxInFlight},
 * {@code transactionalShare}, {@code maxAttempts}, {@code retryBackoff}, {@code reclaimIdle},
 * {@code transactionalCap}, {@code quietHours: {start, end, zone}} for one-off bulk notices).
 */
final class NoticesConfigReader {
    private NoticesConfigReader() {
    }

    static NoticesConfig read(YamlNode root) {
        var templates = TemplateRegistry.fromYaml(root.list("templates"));
        YamlNode d = root.node("dispatch");
        DispatchConfig defaults = DispatchConfig.defaults();
        Object share = d.path("transactionalShare");
        double transactionalShare = share == null ? defaults.transactionalShare() : number("dispatch.transactionalShare", share);
        try {
            DispatchConfig dispatch = new DispatchConfig(
                    d.integer("maxInFlight").orElse(defaults.maxInFlight()),
                    transactionalShare,
                    d.integer("maxAttempts").orElse(defaults.maxAttempts()),
                    d.duration("retryBackoff").orElse(defaults.retryBackoff()),
                    d.duration("reclaimIdle").orElse(defaults.reclaimIdle()),
                    defaults.tick(),
                    d.integer("transactionalCap").map(Integer::longValue).orElse(defaults.transactionalCap()),
                    quietHours(d.node("quietHours"), defaults.bulkQuietHours()),
                    d.duration("otpLatencyTarget").orElse(defaults.otpLatencyTarget()));
            Object hooks = root.path("webhooks");
            if (hooks != null && !(hooks instanceof java.util.Map<?, ?>)) {
                throw new ConfigException("webhooks", "must be a mapping");
            }
            @SuppressWarnings("unchecked")
            java.util.Optional<WebhookConfig> webhooks = java.util.Optional.ofNullable((java.util.Map<String, Object>) hooks)
                    .map(WebhookConfig::fromYaml);
            return new NoticesConfig(templates, dispatch, webhooks);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("dispatch", e.getMessage());
        }
    }

    static QuietHours quietHours(YamlNode q, QuietHours fallback) {
        if (q.keys().isEmpty()) {
            return fallback;
        }
        try {
            return new QuietHours(LocalTime.parse(q.string("start")), LocalTime.parse(q.string("end")),
                    q.string("zone") == null ? fallback.zone() : ZoneId.of(q.string("zone")));
        } catch (NullPointerException | java.time.DateTimeException e) {
            throw new ConfigException("dispatch.quietHours", "needs start and end as HH:mm and an optional zone such as Asia/Ho_Chi_Minh");
        }
    }

    private static double number(String key, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new ConfigException(key, "must be a number, got '" + value + "'");
    }
}
