package vn.vneid.gateway.notices;

import io.vertx.core.json.JsonObject;

/**
 * Renders a named template in a locale with typed variables. Synchronous and thread-safe: templates are held in
 * memory (built-ins, YAML seeds, and admin changes kept in Redis and refreshed), so a campaign upload can render
 * tens of thousands of lines per second. Values fill their slots only: they are inserted as text, never read as
 * template syntax. Every refusal is a {@link TemplateException} naming the field ({@code template},
 * {@code locale}, {@code vars.<name>}).
 */
public interface TemplateRenderer {

    String render(String template, String locale, JsonObject vars);

    /** True when the template exists (in any locale). */
    boolean exists(String template);
}
