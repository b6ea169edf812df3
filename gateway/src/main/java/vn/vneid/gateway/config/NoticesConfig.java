package vn.vneid.gateway.config;

import java.util.List;
import vn.vneid.gateway.dispatch.DispatchConfig;
import vn.vneid.gateway.templates.Template;

/** Settings of notices and campaigns: templates seeded from the config file, and how the lanes are dispatched. */
public record NoticesConfig(List<Template> templates, DispatchConfig dispatch) {
    public NoticesConfig {
        templates = List.copyOf(templates);
    }

    public static NoticesConfig defaults() {
        return new NoticesConfig(List.of(), DispatchConfig.defaults());
    }
}
