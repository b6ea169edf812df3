package vn.vneid.gateway.notices.templates;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.vneid.gateway.config.ConfigException;

/**
 * Templates as plain maps, the shape shared by the admin API's JSON, Redis and the {@code templates:} section
 * of the configuration: {@code {vars: {name: TEXT|NUMBER|DATE}, bodies: {vi: ..., en: ...}}}.
 */
public final class TemplateDefinitions {
    private static final Set<String> YAML_KEYS = Set.of("name", "vars", "bodies");

    private TemplateDefinitions() {
    }

    /** A template from its parts as parsed JSON or YAML; {@link InvalidTemplateException} names the field. */
    static Template parse(String name, Object vars, Object bodies) {
        Map<String, VarType> types = new LinkedHashMap<>();
        for (Map.Entry<String, Object> var : mapping("vars", vars).entrySet()) {
            types.put(var.getKey(), varType("vars." + var.getKey(), var.getValue()));
        }
        Map<String, Object> rawBodies = mapping("bodies", bodies);
        if (rawBodies.isEmpty()) {
            throw new InvalidTemplateException("bodies", "is required: a body for vi, en or both");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> body : rawBodies.entrySet()) {
            if (!(body.getValue() instanceof String text)) {
                throw new InvalidTemplateException("bodies." + body.getKey(), "must be a string");
            }
            texts.put(body.getKey(), text);
        }
        return new Template(name, texts, types);
    }

    public static Template fromJson(String name, JsonObject json) {
        return parse(name, json.getValue("vars"), json.getValue("bodies"));
    }

    /** {@code {name, vars, bodies}}, as stored in Redis and answered by the admin API. */
    public static JsonObject toJson(Template template) {
        JsonObject vars = new JsonObject();
        template.vars().forEach((name, type) -> vars.put(name, type.name()));
        return new JsonObject()
                .put("name", template.name())
                .put("vars", vars)
                .put("bodies", new JsonObject(new LinkedHashMap<>(template.bodies())));
    }

    /** The admin API's answer: the template and where it comes from ({@code builtin}, {@code config}, {@code admin}). */
    public static JsonObject toJson(TemplateRegistry.Entry entry) {
        return toJson(entry.template()).put("source", entry.source().label());
    }

    /** The {@code templates:} configuration section; see {@link TemplateRegistry#fromYaml}. */
    static List<Template> fromYaml(List<Map<String, Object>> section) {
        List<Template> templates = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < section.size(); i++) {
            String at = "templates[" + i + "]";
            Map<String, Object> entry = section.get(i);
            if (entry == null) {
                throw new ConfigException(at, "must be a mapping with name, vars and bodies");
            }
            for (Object key : entry.keySet()) {
                if (!YAML_KEYS.contains(String.valueOf(key))) {
                    throw new ConfigException(at + "." + key, "is not a template setting (name, vars, bodies)");
                }
            }
            Object name = entry.get("name");
            if (!(name instanceof String)) {
                throw new ConfigException(at + ".name", "is required: the template's name, as CCCD_EXPIRY");
            }
            Template template;
            try {
                template = parse((String) name, entry.get("vars"), entry.get("bodies"));
            } catch (InvalidTemplateException e) {
                throw new ConfigException(at + "." + e.field(), e.problem());
            }
            if (!names.add(template.name())) {
                throw new ConfigException(at + ".name", "'" + template.name() + "' is defined twice");
            }
            templates.add(template);
        }
        return List.copyOf(templates);
    }

    private static Map<String, Object> mapping(String field, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof JsonObject json) {
            return json.getMap();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidTemplateException(field, "must be an object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static VarType varType(String field, Object value) {
        if (value instanceof String s) {
            for (VarType type : VarType.values()) {
                if (type.name().equals(s)) {
                    return type;
                }
            }
        }
        throw new InvalidTemplateException(field, "must be TEXT, NUMBER or DATE");
    }
}
