package vn.vneid.gateway.notices.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.vneid.gateway.notices.TemplateException;

/** Rendering: every built-in in both locales, typed variables, errors that name the field, values kept literal. */
class TemplateRegistryTest {
    private final TemplateRegistry registry = new TemplateRegistry(List.of(), new InMemoryTemplateStore());

    static Stream<Arguments> everyBuiltinInEveryLocale() {
        return BuiltinTemplates.all().stream()
                .flatMap(t -> Stream.of("vi", "en").map(locale -> Arguments.of(t.name(), locale)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyBuiltinInEveryLocale")
    void everyBuiltinRendersInViAndEnWithSampleVars(String name, String locale) {
        Template template = registry.inEffect(name).orElseThrow().template();
        JsonObject vars = new JsonObject();
        template.vars().forEach((var, type) -> vars.put(var, switch (type) {
            case TEXT -> var.equals("name") ? "Nguyễn Thị Minh Khai" : "Đã giải quyết, mời nhận kết quả tại bộ phận một cửa";
            case NUMBER -> "150000";
            case DATE -> "2027-03-15";
        }));

        String text = registry.render(name, locale, vars);

        assertThat(text).startsWith("VNeID: ").doesNotContain("{", "}").hasSizeLessThan(300);
        if (template.vars().containsValue(VarType.DATE)) {
            assertThat(text).contains("15/03/2027");
        }
        if (locale.equals("vi")) {
            assertThat(text).as("Vietnamese with diacritics").containsPattern("[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]");
        }
    }

    @Test
    void theBuiltinsAreTheNoticesOfTheBrief() {
        assertThat(BuiltinTemplates.all()).extracting(Template::name).containsExactly("CCCD_EXPIRY", "BIRTHDAY",
                "BIRTH_REGISTRATION_RESULT", "PERMANENT_RESIDENCE_RESULT", "CHILD_HEALTH_INSURANCE_RESULT",
                "DEATH_REGISTRATION_RESULT", "FUNERAL_ALLOWANCE_RESULT", "ACTIVATION_REMINDER", "SCAM_WARNING");
        assertThat(registry.render("CCCD_EXPIRY", "en", new JsonObject().put("name", "Lan").put("expiryDate", "2027-03-15")))
                .isEqualTo("VNeID: Dear Lan, your identity card expires on 15/03/2027. Cards are renewed at ages 14, 25,"
                        + " 40 and 60. Please apply for a new card at a police office or in the VNeID app.");
        assertThat(registry.render("SCAM_WARNING", null, null)).startsWith("VNeID: Cảnh giác lừa đảo!");
    }

    @Test
    void aDateIsWrittenDayMonthYear() {
        assertThat(registry.render("ACTIVATION_REMINDER", "vi", new JsonObject().put("deadline", "2027-01-05")))
                .endsWith("trước ngày 05/01/2027.");
        assertThat(VarType.DATE.format("2028-02-29")).isEqualTo("29/02/2028");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderStaysLiteral() {
        String text = registry.render("CCCD_EXPIRY", "en",
                new JsonObject().put("name", "{expiryDate} {name} {{x}}").put("expiryDate", "2027-03-15"));

        assertThat(text).startsWith("VNeID: Dear {expiryDate} {name} {{x}}, your identity card expires on 15/03/2027.");
    }

    @Test
    void aMissingVariableIsNamed() {
        assertRefused(() -> registry.render("CCCD_EXPIRY", "vi", new JsonObject().put("name", "Lan")),
                "template.missing_variable", "vars.expiryDate");
        assertRefused(() -> registry.render("BIRTHDAY", "vi", new JsonObject().putNull("name")),
                "template.missing_variable", "vars.name");
        assertRefused(() -> registry.render("BIRTHDAY", "vi", null), "template.missing_variable", "vars.name");
    }

    @Test
    void anUndeclaredVariableIsRefusedAndNamed() {
        assertRefused(() -> registry.render("BIRTHDAY", "vi", new JsonObject().put("name", "Lan").put("age", 30)),
                "template.unknown_variable", "vars.age");
    }

    @Test
    void anInvalidValueIsNamedWithoutEchoingIt() {
        JsonObject vars = new JsonObject().put("name", "Lan").put("expiryDate", "15/03/2027");
        assertRefused(() -> registry.render("CCCD_EXPIRY", "vi", vars), "template.invalid_variable", "vars.expiryDate");
        assertRefused(() -> registry.render("CCCD_EXPIRY", "vi", vars.copy().put("expiryDate", "2027-02-30")),
                "template.invalid_variable", "vars.expiryDate");
        assertRefused(() -> registry.render("BIRTHDAY", "vi", new JsonObject().put("name", "Lan\nGọi 0912345678")),
                "template.invalid_variable", "vars.name");
        assertRefused(() -> registry.render("BIRTHDAY", "vi", new JsonObject().put("name", "x".repeat(101))),
                "template.invalid_variable", "vars.name");
        assertRefused(() -> registry.render("BIRTHDAY", "vi", new JsonObject().put("name", "")),
                "template.invalid_variable", "vars.name");
        assertRefused(() -> registry.render("BIRTHDAY", "vi", new JsonObject().put("name", 42)),
                "template.invalid_variable", "vars.name");
        assertThatThrownBy(() -> registry.render("BIRTHDAY", "vi", new JsonObject().put("name", "Lan\tSecret")))
                .hasMessageNotContaining("Secret");
    }

    @Test
    void numbersAreDigitsWithAnOptionalDecimalPoint() {
        assertThat(VarType.NUMBER.format("150000")).isEqualTo("150000");
        assertThat(VarType.NUMBER.format("2.5")).isEqualTo("2.5");
        assertThat(VarType.NUMBER.format(42)).isEqualTo("42");
        assertThat(VarType.NUMBER.format(2.5)).isEqualTo("2.5");
        for (Object bad : new Object[] {"-1", "1e5", "1,000", ".5", "5.", "", -3, true}) {
            assertThatThrownBy(() -> VarType.NUMBER.format(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anUnknownTemplateOrLocaleIsNamed() {
        assertRefused(() -> registry.render("NO_SUCH", "vi", new JsonObject()), "template.unknown", "template");
        assertRefused(() -> registry.render(null, "vi", new JsonObject()), "template.unknown", "template");
        assertRefused(() -> registry.render("SCAM_WARNING", "fr", new JsonObject()), "template.unknown_locale", "locale");
        assertThat(registry.exists("SCAM_WARNING")).isTrue();
        assertThat(registry.exists("NO_SUCH")).isFalse();
    }

    @Test
    void aLocaleWithoutABodyIsUnknownForThatTemplate() {
        Template viOnly = new Template("VI_ONLY", Map.of("vi", "VNeID: {x}"), Map.of("x", VarType.NUMBER));
        TemplateRegistry seeded = new TemplateRegistry(List.of(viOnly), new InMemoryTemplateStore());

        assertThat(seeded.render("VI_ONLY", "VI", new JsonObject().put("x", 7))).isEqualTo("VNeID: 7");
        assertRefused(() -> seeded.render("VI_ONLY", "en", new JsonObject().put("x", 7)), "template.unknown_locale", "locale");
    }

    @Test
    void storedTemplatesOverrideSeedsWhichOverrideBuiltinsAndDeletingRestores() {
        InMemoryTemplateStore store = new InMemoryTemplateStore();
        Template seed = new Template("BIRTHDAY", Map.of("vi", "VNeID: Seed {name}"), Map.of("name", VarType.TEXT));
        TemplateRegistry layered = new TemplateRegistry(List.of(seed), store);
        JsonObject vars = new JsonObject().put("name", "Lan");
        assertThat(layered.render("BIRTHDAY", "vi", vars)).isEqualTo("VNeID: Seed Lan");

        Template admin = new Template("BIRTHDAY", Map.of("vi", "VNeID: Admin {name}"), Map.of("name", VarType.TEXT));
        assertThat(layered.define(admin).toCompletableFuture().join()).as("not a new name").isFalse();
        assertThat(layered.render("BIRTHDAY", "vi", vars)).isEqualTo("VNeID: Admin Lan");
        assertThat(layered.inEffect("BIRTHDAY").orElseThrow().source()).isEqualTo(TemplateRegistry.Source.ADMIN);

        assertThat(layered.remove("BIRTHDAY").toCompletableFuture().join()).isEqualTo(TemplateRegistry.Removal.REMOVED);
        assertThat(layered.render("BIRTHDAY", "vi", vars)).isEqualTo("VNeID: Seed Lan");
        assertThat(layered.remove("BIRTHDAY").toCompletableFuture().join()).isEqualTo(TemplateRegistry.Removal.BUILTIN);
        assertThat(layered.remove("NEVER").toCompletableFuture().join()).isEqualTo(TemplateRegistry.Removal.NOT_FOUND);
    }

    private static void assertRefused(ThrowingCallable call, String code, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TemplateException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
