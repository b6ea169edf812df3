package vn.vneid.gateway.notices.templates;

/**
 * A template definition breaks a rule: {@code field} is where, relative to the definition ({@code name},
 * {@code vars.expiryDate}, {@code bodies.vi}), and {@code problem} reads as a sentence about it
 * ("must be TEXT, NUMBER or DATE"). The admin API answers it as 400 naming the field; the configuration
 * loader as a {@link vn.vneid.gateway.config.ConfigException} prefixed with the entry's path.
 */
public final class InvalidTemplateException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    public InvalidTemplateException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
