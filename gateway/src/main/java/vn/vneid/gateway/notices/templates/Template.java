package vn.vneid.gateway.notices.templates;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A notice template: a {@code name} ({@code [A-Z0-9_]{1,64}}), a body per locale ({@code vi}, {@code en}) with
 * {@code {varName}} placeholders, and the type of each variable. Validated on construction, so a template that
 * exists can always be rendered: every placeholder is a declared variable, every variable appears in every
 * body, and braces occur only as placeholders. Violations are {@link InvalidTemplateException}s naming the
 * field ({@code name}, {@code bodies.vi}, {@code vars.expiryDate}).
 */
public record Template(String name, Map<String, String> bodies, Map<String, VarType> vars) {
    public static final Set<String> LOCALES = Set.of("vi", "en");
    static final int MAX_BODY = 640;
    private static final Pattern NAME = Pattern.compile("[A-Z0-9_]{1,64}");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    public Template {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidTemplateException("name", "must be 1 to 64 of A-Z, 0-9 and _");
        }
        Objects.requireNonNull(bodies, "bodies");
        Objects.requireNonNull(vars, "vars");
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        for (Map.Entry<String, VarType> var : vars.entrySet()) {
            if (var.getKey() == null || !VAR_NAME.matcher(var.getKey()).matches()) {
                throw new InvalidTemplateException("vars." + var.getKey(),
                        "is not a valid variable name: a letter, then up to 31 letters, digits or _");
            }
            if (var.getValue() == null) {
                throw new InvalidTemplateException("vars." + var.getKey(), "must be TEXT, NUMBER or DATE");
            }
        }
        if (bodies.isEmpty()) {
            throw new InvalidTemplateException("bodies", "must hold a body for vi, en or both");
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String locale : new String[] {"vi", "en"}) {
            if (bodies.containsKey(locale)) {
                ordered.put(locale, bodies.get(locale));
            }
        }
        for (String locale : bodies.keySet()) {
            if (!LOCALES.contains(locale)) {
                throw new InvalidTemplateException("bodies." + locale, "is not a supported locale (vi, en)");
            }
        }
        for (Map.Entry<String, String> body : ordered.entrySet()) {
            checkBody("bodies." + body.getKey(), body.getValue(), vars);
        }
        bodies = Collections.unmodifiableMap(ordered);
    }

    /** Fills the body of {@code locale} in one pass; {@code values} holds the formatted text of every variable. */
    String fill(String locale, Map<String, String> values) {
        String body = bodies.get(locale);
        StringBuilder out = new StringBuilder(body.length() + 64);
        int at = 0;
        while (at < body.length()) {
            int open = body.indexOf('{', at);
            if (open < 0) {
                out.append(body, at, body.length());
                break;
            }
            int close = body.indexOf('}', open);
            out.append(body, at, open).append(values.get(body.substring(open + 1, close)));
            at = close + 1;
        }
        return out.toString();
    }

    private static void checkBody(String field, String body, Map<String, VarType> vars) {
        if (body == null || body.isBlank()) {
            throw new InvalidTemplateException(field, "must not be empty");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidTemplateException(field, "must be at most " + MAX_BODY + " characters");
        }
        TextRules.violation(body, TextRules.Breaks.LINE_FEED).ifPresent(rule -> {
            throw new InvalidTemplateException(field, rule);
        });
        Set<String> used = placeholders(field, body);
        for (String placeholder : used) {
            if (!vars.containsKey(placeholder)) {
                throw new InvalidTemplateException(field, "uses {" + placeholder + "}, which is not a declared variable");
            }
        }
        for (String var : vars.keySet()) {
            if (!used.contains(var)) {
                throw new InvalidTemplateException("vars." + var, "is declared but not used in " + field);
            }
        }
    }

    private static Set<String> placeholders(String field, String body) {
        Set<String> names = new LinkedHashSet<>();
        int at = 0;
        while (at < body.length()) {
            int open = body.indexOf('{', at);
            int stray = body.indexOf('}', at);
            if (stray >= 0 && (open < 0 || stray < open)) {
                throw new InvalidTemplateException(field, "has a '}' that closes no placeholder");
            }
            if (open < 0) {
                break;
            }
            int close = body.indexOf('}', open);
            String placeholder = close < 0 ? null : body.substring(open + 1, close);
            if (placeholder == null || !VAR_NAME.matcher(placeholder).matches()) {
                throw new InvalidTemplateException(field,
                        "has a '{' that starts no placeholder; placeholders are written {varName}");
            }
            names.add(placeholder);
            at = close + 1;
        }
        return names;
    }
}
