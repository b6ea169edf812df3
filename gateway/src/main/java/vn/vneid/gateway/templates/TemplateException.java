package vn.vneid.gateway.templates;

/**
 * A template could not be rendered: {@code code} is stable ({@code template.unknown},
 * {@code template.unknown_locale}, {@code template.missing_variable}, {@code template.invalid_variable}) and
 * {@code field} names what to fix ({@code template}, {@code locale}, {@code vars.expiryDate}).
 */
public final class TemplateException extends RuntimeException {
    private final String code;
    private final String field;

    public TemplateException(String code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
