package vn.vneid.gateway.config;

import java.util.List;
import java.util.Optional;
import vn.vneid.gateway.notices.dispatch.DispatchConfig;
import vn.vneid.gateway.notices.templates.Template;
import vn.vneid.gateway.notices.webhooks.WebhookConfig;

/**
 * Settings of notices and campaigns: templates seeded from the config file, how the lanes are dispatched, and
 * status webhooks (off when the config has no {@code webhooks:} section).
 */
public record NoticesConfig(List<Template> templates, DispatchConfig dispatch, Optional<WebhookConfig> webhooks) {
    public NoticesConfig {
        templates = List.copyOf(templates);
    }

    public static NoticesConfig defaults() {
        return new NoticesConfig(List.of(), DispatchConfig.defaults(), Optional.empty());
    }
}
