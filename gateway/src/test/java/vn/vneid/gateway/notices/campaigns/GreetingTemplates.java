package vn.vneid.gateway.notices.campaigns;

import io.vertx.core.json.JsonObject;
import vn.vneid.gateway.notices.TemplateException;
import vn.vneid.gateway.notices.TemplateRenderer;

/** A stand-in renderer with one template, {@value #NAME}: "Xin chao {name}", {@code name} required. */
public final class GreetingTemplates implements TemplateRenderer {
    public static final String NAME = "greeting";

    @Override
    public String render(String template, String locale, JsonObject vars) {
        if (!NAME.equals(template)) {
            throw new TemplateException("template.unknown", "template", "template " + template + " does not exist");
        }
        Object name = vars.getValue("name");
        if (name == null) {
            throw new TemplateException("template.missing_variable", "vars.name", "vars.name is required");
        }
        return ("en".equals(locale) ? "Hello " : "Xin chao ") + name;
    }

    @Override
    public boolean exists(String template) {
        return NAME.equals(template);
    }
}
