package dev.deployverify.metrics;

import dev.deployverify.run.Inconclusive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One scrape of a Prometheus text exposition (format 0.0.4): every sample with its labels, and the declared
 * {@code # TYPE} of each family. Parsing is strict: a line that is not a comment, blank or a valid sample is an
 * {@link IllegalArgumentException} naming the line, so "parses as Prometheus text" means something.
 */
public final class PrometheusText {

    /** One sample line: {@code name{label="value",...} value [timestamp]}. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = List.copyOf(samples);
        this.types = Map.copyOf(types);
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split("\\s+", 4);
                if (parts.length >= 4 && parts[1].equals("TYPE")) {
                    types.put(parts[2], parts[3].strip());
                }
                continue;
            }
            try {
                samples.add(parseSample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a Prometheus sample (" + e.getMessage() + "): " + line);
            }
        }
        return new PrometheusText(samples, types);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Metric family names declared with {@code # TYPE}, with their type (counter, gauge, histogram, ...). */
    public Map<String, String> types() {
        return types;
    }

    /** Names of every sample (for a histogram: its _bucket, _sum and _count series). */
    public Set<String> sampleNames() {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** Label names carried by the samples of this name (e.g. method, route, status_code), sorted. */
    public Set<String> labelNames(String name) {
        Set<String> names = new java.util.TreeSet<>();
        samples.stream().filter(s -> s.name().equals(name)).forEach(s -> names.addAll(s.labels().keySet()));
        return names;
    }

    /**
     * This scrape, when some sample of {@code name} carries {@code label}. A filter on a label no series carries
     * matches nothing whatever the service did (a 5xx filter on {@code status_code} over series labelled
     * {@code status} never sees an error), so that is {@link Inconclusive}, naming the label, the labels the series
     * do carry and {@code remedy} (e.g. the setting that names the label). No sample of {@code name} at all is not
     * judged here: counting them is the caller's check.
     */
    public PrometheusText requireLabel(String name, String label, String remedy) {
        Set<String> carried = labelNames(name);
        boolean seriesExist = samples.stream().anyMatch(s -> s.name().equals(name));
        if (seriesExist && !carried.contains(label)) {
            throw new Inconclusive(String.format("expected the series of %s to carry the label '%s' to filter on, but none "
                    + "does (labels they carry: %s): a filter on it would match nothing and prove nothing; %s",
                    name, label, String.join(", ", carried), remedy));
        }
        return this;
    }

    /** Sum of the values of every sample with this name whose labels match. */
    public double sum(String name, Predicate<Sample> filter) {
        return samples.stream().filter(s -> s.name().equals(name) && filter.test(s)).mapToDouble(Sample::value).sum();
    }

    public double sum(String name) {
        return sum(name, s -> true);
    }

    /**
     * A histogram's cumulative buckets (upper bound -> count, +Inf included), summed over every series whose labels
     * match, minus the same from an earlier scrape: what the service observed between the two scrapes.
     */
    public Histogram histogramSince(PrometheusText earlier, String family, Predicate<Sample> filter) {
        Map<Double, Double> now = buckets(family, filter);
        Map<Double, Double> before = earlier == null ? Map.of() : earlier.buckets(family, filter);
        Map<Double, Double> delta = new TreeMap<>();
        now.forEach((le, count) -> delta.put(le, count - before.getOrDefault(le, 0.0)));
        return new Histogram(family, delta);
    }

    private Map<Double, Double> buckets(String family, Predicate<Sample> filter) {
        Map<Double, Double> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(family + "_bucket") && filter.test(s)) {
                buckets.merge(parseValue(s.label("le")), s.value(), Double::sum);
            }
        }
        return buckets;
    }

    /** Cumulative bucket counts of one histogram (already a difference between scrapes, or since start). */
    public record Histogram(String family, Map<Double, Double> cumulative) {

        public double count() {
            return cumulative.isEmpty() ? 0 : Collections.max(cumulative.entrySet(), Map.Entry.comparingByKey()).getValue();
        }

        /**
         * The q-quantile (0..1) in the histogram's unit, interpolated linearly within its bucket as Prometheus'
         * {@code histogram_quantile} does; {@code +Inf} when it falls in the last (unbounded) bucket; NaN without samples.
         */
        public double quantile(double q) {
            if (q < 0 || q > 1) {
                throw new IllegalArgumentException("a quantile is between 0 and 1, got " + q);
            }
            double total = count();
            if (total <= 0) {
                return Double.NaN;
            }
            double rank = q * total;
            double lowerBound = 0;
            double lowerCount = 0;
            for (Map.Entry<Double, Double> bucket : new TreeMap<>(cumulative).entrySet()) {
                double upperBound = bucket.getKey();
                double upperCount = bucket.getValue();
                if (upperCount >= rank) {
                    if (Double.isInfinite(upperBound)) {
                        return upperBound;
                    }
                    double inBucket = upperCount - lowerCount;
                    return inBucket <= 0 ? upperBound : lowerBound + (upperBound - lowerBound) * (rank - lowerCount) / inBucket;
                }
                lowerBound = upperBound;
                lowerCount = upperCount;
            }
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public String toString() {
            return family + " " + cumulative;
        }
    }

    private static Sample parseSample(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = parseLabels(line, i + 1, labels);
        }
        String rest = line.substring(i).strip();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        String[] valueAndTimestamp = rest.split("\\s+");
        if (valueAndTimestamp.length > 2) {
            throw new IllegalArgumentException("unexpected text after the value");
        }
        if (valueAndTimestamp.length == 2) {
            Long.parseLong(valueAndTimestamp[1]);
        }
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(valueAndTimestamp[0]));
    }

    /** Parses {@code key="value",...}} from just after the brace; returns the index after the closing brace. */
    private static int parseLabels(String line, int i, Map<String, String> labels) {
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int start = i;
            while (i < line.length() && isNameChar(line.charAt(i), i == start)) {
                i++;
            }
            if (i == start || i + 1 >= line.length() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                throw new IllegalArgumentException("malformed label at column " + (i + 1));
            }
            String key = line.substring(start, i);
            i += 2;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unterminated label value of " + key);
                }
                char c = line.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i < line.length()) {
                    char escaped = line.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || c == ':' || (!first && Character.isDigit(c));
    }

    /** Prometheus reads NaN and Inf in any case; prom-client (Node) writes "Nan" for an empty event-loop histogram. */
    private static double parseValue(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
