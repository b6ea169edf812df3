package vn.vneid.gateway.api.campaigns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.QuietHours;
import vn.vneid.gateway.notices.TemplateRenderer;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.gateway.notices.campaigns.CampaignState;
import vn.vneid.gateway.notices.campaigns.CampaignTotals;
import vn.vneid.gateway.notices.campaigns.CampaignWindow;
import vn.vneid.gateway.notices.templates.TextRules;

/**
 * Reads a {@code POST /v1/campaigns} body into a DRAFT {@link Campaign}. Every broken rule is collected; the
 * answer is one 400 {@code request.invalid_field} naming the first bad field in {@code field} and all of them
 * in {@code errors} ({@code [{field, reason}]}), so a client fixes its request in one go.
 */
final class CampaignInput {
    static final int MAX_NAME = 200;
    /** One message per 100 s: anything slower would not send a few thousand recipients within their validity. */
    static final double MIN_RATE = 0.01;
    static final double MAX_RATE = 10_000;
    static final Duration MIN_VALID_FOR = Duration.ofMinutes(1);
    static final Duration MAX_VALID_FOR = Duration.ofDays(7);
    /**
     * A window opens at most 30 days ahead and lasts at most 30 days: recipients stay valid at most
     * {@link #MAX_VALID_FOR} after their upload, so a window further out could only send recipients uploaded
     * later, and a month covers a monthly cycle (e.g. the reminders for the ID cards expiring that month).
     */
    static final Duration MAX_WINDOW_AHEAD = Duration.ofDays(30);
    static final Duration MAX_WINDOW_LENGTH = Duration.ofDays(30);
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    private final JsonObject body;
    private final List<String[]> errors = new ArrayList<>();

    private CampaignInput(JsonObject body) {
        this.body = body;
    }

    static Campaign parse(JsonObject body, String client, TemplateRenderer templates, Instant now) {
        return new CampaignInput(body).campaign(client, templates, now);
    }

    private Campaign campaign(String client, TemplateRenderer templates, Instant now) {
        String name = string(body, "name", "name", true);
        if (name != null && name.length() > MAX_NAME) {
            bad("name", "must be at most " + MAX_NAME + " characters");
        } else if (name != null) {
            TextRules.violation(name, TextRules.Breaks.NONE).ifPresent(rule -> bad("name", rule));
        }
        String template = string(body, "template", "template", true);
        if (template != null && !templates.exists(template)) {
            bad("template", "names no known template");
        }
        String locale = Optional.ofNullable(string(body, "locale", "locale", false)).orElse("vi");
        if (!locale.equals("vi") && !locale.equals("en")) {
            bad("locale", "must be vi or en");
        }
        Category category = category();
        boolean unaccent = unaccent();
        Optional<CampaignWindow> window = window(now);
        double maxRate = maxRate();
        QuietHours quietHours = quietHours();
        Duration validFor = validFor();
        if (!errors.isEmpty()) {
            JsonArray all = new JsonArray();
            errors.forEach(e -> all.add(new JsonObject().put("field", e[0]).put("reason", e[0] + " " + e[1])));
            throw ProblemException.invalidField(errors.get(0)[0], errors.get(0)[1]).with("errors", all);
        }
        return new Campaign(Campaign.newId(), client, name, template, locale, category, unaccent, window, maxRate, quietHours,
                validFor, CampaignState.DRAFT, now, new CampaignTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private Category category() {
        String raw = string(body, "category", "category", false);
        if (raw == null) {
            return Category.BULK;
        }
        try {
            return Category.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            bad("category", "must be BULK or TRANSACTIONAL");
            return Category.BULK;
        }
    }

    /** Default true: a Vietnamese notice without diacritics fits one GSM-7 segment instead of three UCS-2 ones. */
    private boolean unaccent() {
        Object raw = body.getValue("unaccent");
        if (raw == null) {
            return true;
        }
        if (!(raw instanceof Boolean b)) {
            bad("unaccent", "must be true or false");
            return true;
        }
        return b;
    }

    private Optional<CampaignWindow> window(Instant now) {
        JsonObject w = object(body, "window", "window");
        if (w == null) {
            return Optional.empty();
        }
        Instant start = instant(w, "start", "window.start");
        Instant end = instant(w, "end", "window.end");
        if (start == null || end == null) {
            return Optional.empty();
        }
        if (!start.isBefore(end)) {
            bad("window.end", "must be after window.start");
            return Optional.empty();
        }
        if (!end.isAfter(now)) {
            bad("window.end", "is in the past");
            return Optional.empty();
        }
        if (start.isAfter(now.plus(MAX_WINDOW_AHEAD))) {
            bad("window.start", "must be at most " + MAX_WINDOW_AHEAD.toDays() + " days ahead");
            return Optional.empty();
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW_LENGTH) > 0) {
            bad("window.end", "must be at most " + MAX_WINDOW_LENGTH.toDays() + " days after window.start");
            return Optional.empty();
        }
        return Optional.of(new CampaignWindow(start, end));
    }

    private double maxRate() {
        Object raw = body.getValue("maxRate");
        if (raw == null) {
            bad("maxRate", "is required (messages per second)");
            return 1;
        }
        if (!(raw instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < MIN_RATE
                || n.doubleValue() > MAX_RATE) {
            bad("maxRate", "must be a number of messages per second, from " + MIN_RATE + " to " + (long) MAX_RATE);
            return 1;
        }
        return n.doubleValue();
    }

    private QuietHours quietHours() {
        JsonObject q = object(body, "quietHours", "quietHours");
        if (q == null) {
            return QuietHours.DEFAULT;
        }
        LocalTime start = time(q, "start", "quietHours.start");
        LocalTime end = time(q, "end", "quietHours.end");
        ZoneId zone = QuietHours.DEFAULT.zone();
        String rawZone = string(q, "zone", "quietHours.zone", false);
        if (rawZone != null) {
            try {
                zone = ZoneId.of(rawZone);
            } catch (DateTimeException e) {
                bad("quietHours.zone", "must be a time zone such as Asia/Ho_Chi_Minh");
            }
        }
        return start == null || end == null ? QuietHours.DEFAULT : new QuietHours(start, end, zone);
    }

    private Duration validFor() {
        String raw = string(body, "validFor", "validFor", false);
        if (raw == null) {
            return Campaign.DEFAULT_VALID_FOR;
        }
        Duration d = duration(raw.trim());
        if (d == null || d.compareTo(MIN_VALID_FOR) < 0 || d.compareTo(MAX_VALID_FOR) > 0) {
            bad("validFor", "must be a duration from 1m to 7d, such as 30m, 48h or PT48H");
            return Campaign.DEFAULT_VALID_FOR;
        }
        return d;
    }

    private static Duration duration(String raw) {
        Matcher m = SIMPLE_DURATION.matcher(raw);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private LocalTime time(JsonObject json, String key, String field) {
        String raw = string(json, key, field, true);
        if (raw == null) {
            return null;
        }
        Matcher m = HH_MM.matcher(raw);
        if (!m.matches()) {
            bad(field, "must be a time of day as HH:mm, such as 22:00");
            return null;
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private Instant instant(JsonObject json, String key, String field) {
        String raw = string(json, key, field, true);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            bad(field, "must be an ISO-8601 instant such as 2026-03-01T01:00:00Z");
            return null;
        }
    }

    private JsonObject object(JsonObject json, String key, String field) {
        Object raw = json.getValue(key);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof JsonObject o)) {
            bad(field, "must be an object");
            return null;
        }
        return o;
    }

    private String string(JsonObject json, String key, String field, boolean required) {
        Object raw = json.getValue(key);
        if (raw == null || raw instanceof String s && s.isBlank()) {
            if (required) {
                bad(field, "is required");
            }
            return null;
        }
        if (!(raw instanceof String s)) {
            bad(field, "must be a string");
            return null;
        }
        return s;
    }

    private void bad(String field, String rule) {
        errors.add(new String[] {field, rule});
    }
}
