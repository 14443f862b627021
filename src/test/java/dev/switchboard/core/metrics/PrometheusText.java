package dev.switchboard.core.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format (version 0.0.4), read strictly enough to hold a scrape to its
 * rules: every family announced by HELP (with text) and TYPE before its samples, histograms complete
 * and cumulative, and the gateway's own label values drawn from bounded, snake_case sets.
 */
final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern SNAKE_WORD = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** The label keys a {@code switchboard_*} series may carry. */
    static final Set<String> GATEWAY_LABELS = Set.of("protocol", "listener", "outcome", "reason", "kind", "status",
            "memory", "group", "loop", "le", "version", "commit", "java", "transport");
    /** Labels whose values are code-chosen words. */
    static final Set<String> WORD_LABELS = Set.of("outcome", "reason", "kind", "protocol", "memory", "group");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static final class Family {
        final String name;
        String help;
        String type;
        final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();

    private PrometheusText() {
    }

    /** Parses {@code exposition}; format errors are collected as violations, not thrown. */
    static PrometheusText parse(String exposition) {
        PrometheusText text = new PrometheusText();
        for (String line : exposition.split("\n")) {
            text.line(line);
        }
        text.checkFamilies();
        return text;
    }

    Map<String, Family> families() {
        return families;
    }

    /** Every broken rule, one line each; empty for a conforming scrape. */
    List<String> violations() {
        return violations;
    }

    /** The samples of {@code sampleName} (e.g. {@code x_seconds_count}) whose labels include {@code labels}. */
    double sum(String sampleName, Map<String, String> labels) {
        return families.values().stream().flatMap(f -> f.samples.stream())
                .filter(s -> s.name().equals(sampleName))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private void line(String line) {
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            String rest = line.substring(7);
            int space = rest.indexOf(' ');
            String name = space < 0 ? rest : rest.substring(0, space);
            String value = space < 0 ? "" : rest.substring(space + 1).trim();
            if (!METRIC_NAME.matcher(name).matches()) {
                violations.add("bad metric name in: " + line);
                return;
            }
            Family family = families.computeIfAbsent(name, Family::new);
            if (!family.samples.isEmpty()) {
                violations.add(name + ": HELP/TYPE after its samples");
            }
            if (line.startsWith("# HELP ")) {
                family.help = value;
            } else if (!TYPES.contains(value)) {
                violations.add(name + ": unknown TYPE " + value);
            } else {
                family.type = value;
            }
            return;
        }
        if (line.startsWith("#")) {
            return;
        }
        sample(line);
    }

    private void sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        int nameEnd = brace >= 0 && brace < space ? brace : space;
        if (nameEnd <= 0) {
            violations.add("malformed sample: " + line);
            return;
        }
        String name = line.substring(0, nameEnd);
        Map<String, String> labels = new TreeMap<>();
        int pos = nameEnd;
        if (brace == nameEnd) {
            pos = labels(line, brace + 1, labels);
            if (pos < 0) {
                violations.add("malformed labels: " + line);
                return;
            }
        }
        String[] rest = line.substring(pos).trim().split(" ");
        double value;
        try {
            value = switch (rest[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(rest[0]);
            };
        } catch (NumberFormatException e) {
            violations.add("malformed value: " + line);
            return;
        }
        Family family = familyOf(name);
        if (family == null) {
            violations.add(name + ": sample without HELP/TYPE");
            return;
        }
        family.samples.add(new Sample(name, labels, value));
    }

    /** Reads {@code a="x",b="y"}} from {@code start}; returns the index after the brace, or -1. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq);
            if (!LABEL_NAME.matcher(key).matches()) {
                return -1;
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            if (j >= line.length()) {
                return -1;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i < line.length() ? i + 1 : -1;
    }

    private Family familyOf(String sampleName) {
        Family exact = families.get(sampleName);
        if (exact != null) {
            return exact;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (sampleName.endsWith(suffix)) {
                Family base = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (base != null && ("histogram".equals(base.type) || "summary".equals(base.type))) {
                    return base;
                }
            }
        }
        return null;
    }

    private void checkFamilies() {
        for (Family family : families.values()) {
            if (family.type == null) {
                violations.add(family.name + ": no TYPE");
            }
            if (family.help == null || family.help.isBlank()) {
                violations.add(family.name + ": no HELP text");
            }
            if ("histogram".equals(family.type)) {
                checkHistogram(family);
            }
            if (family.name.startsWith("switchboard_")) {
                checkGatewayFamily(family);
            }
        }
    }

    private void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> bucketsBySeries = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample sample : family.samples) {
            if (sample.name().equals(family.name + "_bucket")) {
                if (!sample.labels().containsKey("le")) {
                    violations.add(family.name + ": bucket without le");
                    continue;
                }
                Map<String, String> series = new TreeMap<>(sample.labels());
                series.remove("le");
                bucketsBySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(sample);
            } else if (sample.name().equals(family.name + "_count")) {
                counts.put(sample.labels(), sample.value());
            } else if (sample.name().equals(family.name + "_sum")) {
                sums.add(sample.labels());
            } else {
                violations.add(family.name + ": unexpected histogram sample " + sample.name());
            }
        }
        if (bucketsBySeries.isEmpty()) {
            violations.add(family.name + ": histogram without buckets");
        }
        bucketsBySeries.forEach((series, buckets) -> {
            double previous = 0;
            double previousLe = Double.NEGATIVE_INFINITY;
            for (Sample bucket : buckets) {
                double le = "+Inf".equals(bucket.labels().get("le")) ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(bucket.labels().get("le"));
                if (le <= previousLe || bucket.value() < previous) {
                    violations.add(family.name + series + ": buckets not ascending and cumulative");
                }
                previousLe = le;
                previous = bucket.value();
            }
            Sample last = buckets.get(buckets.size() - 1);
            if (!"+Inf".equals(last.labels().get("le"))) {
                violations.add(family.name + series + ": no +Inf bucket");
            } else if (!Double.valueOf(last.value()).equals(counts.get(series))) {
                violations.add(family.name + series + ": +Inf bucket differs from _count");
            }
            if (!sums.contains(series)) {
                violations.add(family.name + series + ": no _sum");
            }
        });
    }

    private void checkGatewayFamily(Family family) {
        List<String> words = List.of(family.name.split("_"));
        for (String unit : List.of("bytes", "seconds", "total")) {
            if (words.stream().filter(unit::equals).count() > 1) {
                violations.add(family.name + ": unit repeated");
            }
        }
        for (Sample sample : family.samples) {
            sample.labels().forEach((key, value) -> {
                if (!GATEWAY_LABELS.contains(key)) {
                    violations.add(family.name + ": label " + key + " is not one of the bounded gateway labels");
                } else if (WORD_LABELS.contains(key) && !SNAKE_WORD.matcher(value).matches()) {
                    violations.add(family.name + ": " + key + "=\"" + value + "\" is not snake_case");
                } else if ("status".equals(key) && !value.matches("[1-5]xx")) {
                    violations.add(family.name + ": status=\"" + value + "\" is not a status class");
                }
            });
        }
    }
}
