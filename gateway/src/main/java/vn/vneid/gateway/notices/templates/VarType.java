package vn.vneid.gateway.notices.templates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The type of a template variable: what a value must look like and how it is written into the SMS.
 * {@link #format} returns the text to insert, or throws {@link IllegalArgumentException} saying what is wrong.
 */
public enum VarType {
    /** 1..100 characters on one line, nothing {@link TextRules} refuses (a name, a procedure result). */
    TEXT {
        @Override
        String format(Object value) {
            if (!(value instanceof String s)) {
                throw new IllegalArgumentException("must be a string");
            }
            int length = s.codePointCount(0, s.length());
            if (length < 1 || length > MAX_TEXT) {
                throw new IllegalArgumentException("must be 1 to " + MAX_TEXT + " characters");
            }
            TextRules.violation(s, TextRules.Breaks.NONE).ifPresent(rule -> {
                throw new IllegalArgumentException(rule);
            });
            return s;
        }
    },
    /** Digits with an optional decimal point ({@code 3}, {@code 150000}, {@code 2.5}); a JSON number is accepted. */
    NUMBER {
        @Override
        String format(Object value) {
            String s;
            if (value instanceof String text) {
                s = text;
            } else if (value instanceof Number n) {
                s = new BigDecimal(n.toString()).toPlainString();
            } else {
                throw new IllegalArgumentException("must be a number");
            }
            if (s.length() > MAX_NUMBER || !NUMBER_SHAPE.matcher(s).matches()) {
                throw new IllegalArgumentException("must be digits with an optional decimal point, as 150000 or 2.5");
            }
            return s;
        }
    },
    /** An ISO date in ({@code 2027-03-15}), written the Vietnamese way ({@code 15/03/2027}). */
    DATE {
        @Override
        String format(Object value) {
            if (!(value instanceof String s) || !DATE_SHAPE.matcher(s).matches()) {
                throw new IllegalArgumentException("must be a date as 2027-03-15");
            }
            try {
                return LocalDate.parse(s).format(DAY_MONTH_YEAR);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not a calendar date");
            }
        }
    };

    static final int MAX_TEXT = 100;
    private static final int MAX_NUMBER = 30;
    private static final Pattern NUMBER_SHAPE = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** The text to insert for {@code value} (a JSON value: string or number); throws saying what is wrong. */
    abstract String format(Object value);
}
