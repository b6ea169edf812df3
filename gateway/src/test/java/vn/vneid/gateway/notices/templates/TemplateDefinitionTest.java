package vn.vneid.gateway.notices.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import vn.vneid.gateway.config.ConfigException;

/** Definitions are checked once, when defined: placeholders against variables, names, locales; YAML errors name the key. */
class TemplateDefinitionTest {

    @Test
    void everyPlaceholderMustBeDeclaredAndEveryVariableUsed() {
        assertInvalid(() -> new Template("T", Map.of("vi", "VNeID: {name} {other}"), Map.of("name", VarType.TEXT)),
                "bodies.vi");
        assertInvalid(() -> new Template("T", Map.of("vi", "VNeID: {name}", "en", "VNeID: hello"),
                Map.of("name", VarType.TEXT)), "vars.name");
        assertInvalid(() -> new Template("T", Map.of("vi", "VNeID: {name"), Map.of("name", VarType.TEXT)), "bodies.vi");
        assertInvalid(() -> new Template("T", Map.of("vi", "VNeID: name}"), Map.of()), "bodies.vi");
        assertInvalid(() -> new Template("T", Map.of("vi", "VNeID: { name }"), Map.of()), "bodies.vi");
    }

    @Test
    void namesLocalesAndBodiesAreChecked() {
        assertInvalid(() -> new Template("lower", Map.of("vi", "VNeID"), Map.of()), "name");
        assertInvalid(() -> new Template("A".repeat(65), Map.of("vi", "VNeID"), Map.of()), "name");
        assertInvalid(() -> new Template("T", Map.of("fr", "VNeID"), Map.of()), "bodies.fr");
        assertInvalid(() -> new Template("T", Map.of(), Map.of()), "bodies");
        assertInvalid(() -> new Template("T", Map.of("vi", " "), Map.of()), "bodies.vi");
        assertInvalid(() -> new Template("T", Map.of("vi", "x".repeat(641)), Map.of()), "bodies.vi");
        assertInvalid(() -> new Template("T", Map.of("vi", "VNeID {1x}"), Map.of("1x", VarType.TEXT)), "vars.1x");
        assertThat(new Template("T", Map.of("en", "VNeID:\nline two"), Map.of()).bodies()).containsOnlyKeys("en");
    }

    @Test
    void yamlSeedsParse() {
        List<Template> seeds = TemplateRegistry.fromYaml(yaml("""
                templates:
                  - name: FLOOD_WARNING
                    vars: {district: TEXT, level: NUMBER, until: DATE}
                    bodies:
                      vi: "VNeID: Cảnh báo lũ cấp {level} tại {district} đến {until}."
                      en: "VNeID: Flood warning level {level} in {district} until {until}."
                  - name: PLAIN
                    bodies: {en: "VNeID: hello"}
                """));

        assertThat(seeds).extracting(Template::name).containsExactly("FLOOD_WARNING", "PLAIN");
        assertThat(seeds.get(0).vars()).containsExactly(Map.entry("district", VarType.TEXT),
                Map.entry("level", VarType.NUMBER), Map.entry("until", VarType.DATE));
        assertThat(seeds.get(1).vars()).isEmpty();
    }

    @Test
    void yamlErrorsNameTheEntryAndKey() {
        String ok = "  - name: A\n    bodies: {vi: 'VNeID: a'}\n  - name: B\n    bodies: {vi: 'VNeID: b'}\n";
        assertConfig(ok + "  - name: C\n    bodies: {vi: 'VNeID: {x}'}\n", "templates[2].bodies.vi: uses {x}");
        assertConfig(ok + "  - name: C\n    vars: {x: STRING}\n    bodies: {vi: 'VNeID: {x}'}\n",
                "templates[2].vars.x: must be TEXT, NUMBER or DATE");
        assertConfig(ok + "  - name: c\n    bodies: {vi: 'VNeID'}\n", "templates[2].name: must be");
        assertConfig(ok + "  - bodies: {vi: 'VNeID'}\n", "templates[2].name: is required");
        assertConfig(ok + "  - name: A\n    bodies: {vi: 'VNeID'}\n", "templates[2].name: 'A' is defined twice");
        assertConfig(ok + "  - name: C\n    body: {vi: 'VNeID'}\n", "templates[2].body: is not a template setting");
        assertConfig(ok + "  - name: C\n    bodies: {vi: 42}\n", "templates[2].bodies.vi: must be a string");
        assertConfig(ok + "  - name: C\n    bodies: [vi]\n", "templates[2].bodies: must be an object");
        assertConfig(ok + "  - name: C\n", "templates[2].bodies: is required");
    }

    private static void assertConfig(String entries, String message) {
        assertThatThrownBy(() -> TemplateRegistry.fromYaml(yaml("templates:\n" + entries)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(String text) {
        Map<String, Object> root = new Yaml().load(text);
        return (List<Map<String, Object>>) root.get("templates");
    }

    private static void assertInvalid(Runnable define, String field) {
        assertThatThrownBy(define::run).isInstanceOfSatisfying(InvalidTemplateException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
