package vn.vneid.gateway.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana query holding one) reads: identifiers shaped like metric
 * names that stand before a selector ({@code {}, {@code [}), whitespace, {@code )}, {@code ,} or the end, minus
 * PromQL's functions, aggregations and keywords. Strings, label matchers, grouping label lists, range and
 * offset durations and Grafana variables are removed first, so label names and values never count.
 */
final class PromQlMetricNames {
    private static final Set<String> NOT_METRICS = Set.of(
            // aggregations and their modifiers
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio", "by", "without",
            // binary operators, vector matching, modifiers
            "and", "or", "unless", "bool", "on", "ignoring", "group_left", "group_right", "offset", "start", "end",
            "atan2",
            // functions
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
            "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_avg",
            "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar",
            "histogram_sum", "holt_winters", "double_exponential_smoothing", "hour", "idelta", "increase", "irate",
            "label_join", "label_replace", "label_values", "ln", "log2", "log10", "minute", "month", "predict_linear",
            "rate", "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc",
            "sqrt", "time", "timestamp", "vector", "year", "avg_over_time", "min_over_time", "max_over_time",
            "sum_over_time", "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time",
            "last_over_time", "present_over_time", "mad_over_time", "acos", "acosh", "asin", "asinh", "atan",
            "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "pi",
            // literals and the histogram bucket label
            "le", "inf", "nan", "Inf", "NaN");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[[^]]*]]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_]\\w*\\s*\\)\\s*$");
    private static final Pattern NAME = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\\s*(?:[{\\[),]|$)|\\s)");

    private PromQlMetricNames() {
    }

    /** The metric names in {@code expr}; a Grafana {@code label_values(expr, label)} yields those of its expr. */
    static Set<String> in(String expr) {
        Matcher labelValues = LABEL_VALUES.matcher(expr);
        String e = labelValues.matches() ? labelValues.group(1) : expr;
        e = STRING.matcher(e).replaceAll(" ");
        e = MATCHERS.matcher(e).replaceAll(" ");
        e = GRAFANA_VARIABLE.matcher(e).replaceAll(" ");
        e = GROUPING.matcher(e).replaceAll(" ");
        e = RANGE.matcher(e).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(e);
        while (m.find()) {
            if (!NOT_METRICS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
