package dev.deployverify.systems.wcagaii.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal prom-client: counters, gauges and histograms with labels, rendered as Prometheus text 0.0.4. Enough for
 * the stand-in to count what it serves the way the real service does.
 */
final class PrometheusRegistry {

    private record Family(String name, String help, String type, double[] buckets, Map<String, double[]> series) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    synchronized void counter(String name, String help) {
        families.put(name, new Family(name, help, "counter", null, new TreeMap<>()));
    }

    synchronized void gauge(String name, String help) {
        families.put(name, new Family(name, help, "gauge", null, new TreeMap<>()));
    }

    synchronized void histogram(String name, String help, double... buckets) {
        families.put(name, new Family(name, help, "histogram", buckets, new TreeMap<>()));
    }

    synchronized void inc(String name, String labels, double by) {
        families.get(name).series().computeIfAbsent(labels, l -> new double[1])[0] += by;
    }

    synchronized void set(String name, String labels, double value) {
        families.get(name).series().computeIfAbsent(labels, l -> new double[1])[0] = value;
    }

    /** Records one observation: per bucket counts, then sum and count. */
    synchronized void observe(String name, String labels, double value) {
        Family family = families.get(name);
        double[] series = family.series().computeIfAbsent(labels, l -> new double[family.buckets().length + 2]);
        for (int i = 0; i < family.buckets().length; i++) {
            if (value <= family.buckets()[i]) {
                series[i]++;
            }
        }
        series[family.buckets().length] += value;
        series[family.buckets().length + 1]++;
    }

    /** Labels in exposition form, e.g. {@code method="GET",route="/health"}; values are escaped. */
    static String labels(String... keyValues) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            parts.add(keyValues[i] + "=\"" + keyValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(",", parts);
    }

    synchronized String render() {
        StringBuilder out = new StringBuilder();
        for (Family family : families.values()) {
            out.append("# HELP ").append(family.name()).append(' ').append(family.help()).append('\n');
            out.append("# TYPE ").append(family.name()).append(' ').append(family.type()).append('\n');
            family.series().forEach((labels, values) -> {
                if (family.buckets() == null) {
                    out.append(family.name()).append(braces(labels)).append(' ').append(number(values[0])).append('\n');
                    return;
                }
                int n = family.buckets().length;
                String sep = labels.isEmpty() ? "" : labels + ",";
                for (int i = 0; i < n; i++) {
                    out.append(family.name()).append("_bucket{").append(sep).append("le=\"").append(number(family.buckets()[i]))
                            .append("\"} ").append(number(values[i])).append('\n');
                }
                out.append(family.name()).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(number(values[n + 1])).append('\n');
                out.append(family.name()).append("_sum").append(braces(labels)).append(' ').append(values[n]).append('\n');
                out.append(family.name()).append("_count").append(braces(labels)).append(' ').append(number(values[n + 1])).append('\n');
            });
        }
        return out.toString();
    }

    private static String braces(String labels) {
        return labels.isEmpty() ? "" : "{" + labels + "}";
    }

    private static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
