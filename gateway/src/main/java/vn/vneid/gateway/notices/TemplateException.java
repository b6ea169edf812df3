package vn.vneid.gateway.notices;

/**
 * A template could not be rendered: {@code code} is stable ({@code template.unknown},
 * {@code template.unknown_locale}, {@code template.missing_variable}, {@code template.invalid_variable}) and
 * {@code field} names what to fix ({@code template}, {@code locale}, {@code vars.expiryDate}). Answered 400.
 */
public final class TemplateException extends NoticeException {

    public TemplateException(String code, String field, String message) {
        super(Kind.INVALID, code, field, message);
    }
}
