package vn.vneid.gateway.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition, parsed: every sample's name and labels, and each family's {@code # TYPE}. */
record Scrape(List<Sample> samples, Map<String, String> types) {
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels) {
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.find()) {
                types.put(type.group(1), type.group(2));
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels));
        }
        return new Scrape(List.copyOf(samples), Map.copyOf(types));
    }

    Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * True when the scrape has samples named {@code name}; a {@code _bucket} name must also belong to a family
     * typed histogram (so a counter that happens to end in {@code _bucket} does not pass for one).
     */
    boolean has(String name) {
        if (!sampleNames().contains(name)) {
            return false;
        }
        if (name.endsWith("_bucket")) {
            return "histogram".equals(types.get(name.substring(0, name.length() - "_bucket".length())));
        }
        return true;
    }

    /** The finite {@code le} bounds of a histogram's buckets, ascending. */
    List<Double> bucketBounds(String histogram) {
        Set<Double> bounds = new TreeSet<>();
        for (Sample s : samples) {
            String le = s.labels().get("le");
            if (s.name().equals(histogram + "_bucket") && le != null && !le.equals("+Inf")) {
                bounds.add(Double.parseDouble(le));
            }
        }
        return List.copyOf(bounds);
    }
}
