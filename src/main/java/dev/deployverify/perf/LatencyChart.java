package dev.deployverify.perf;

import java.util.List;
import java.util.Locale;

/**
 * A latency percentile curve as a hand-written SVG (no charting dependency): x is the percentile on a log scale of
 * "nines" (50, 90, 99, 99.9 equally spaced, so the tail is readable), y is milliseconds, with the budget as a red line.
 */
public final class LatencyChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final double MAX_NINES = 3;  // up to p99.9 on the axis; higher points are drawn at its edge

    private LatencyChart() {
    }

    /** @param budgetMs drawn as a horizontal line; NaN for none */
    public static String svg(LatencySample sample, double budgetMs, String budgetLabel) {
        List<double[]> curve = sample.percentileCurve();
        double maxMs = Math.max(sample.maxMs(), Double.isNaN(budgetMs) ? 0 : budgetMs) * 1.1;
        maxMs = maxMs <= 0 ? 1 : maxMs;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s: latency by percentile (%d samples, client-observed)</text>%n",
                LEFT, escape(sample.label()), sample.count()));
        // Axes and grid.
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "black")).append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "black"));
        for (String percentile : new String[] {"0", "50", "90", "99", "99.9"}) {
            double x = x(Double.parseDouble(percentile));
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#ddd"));
            svg.append(text(x - 8, HEIGHT - BOTTOM + 15, "p" + percentile));
        }
        for (int i = 0; i <= 4; i++) {
            double ms = maxMs * i / 4;
            double y = y(ms, maxMs);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd"));
            svg.append(text(4, y + 4, String.format(Locale.ROOT, "%.1f ms", ms)));
        }
        if (!Double.isNaN(budgetMs)) {
            double y = y(budgetMs, maxMs);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"6 3\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#c00\">%s</text>%n", WIDTH - RIGHT - 150, y - 4, escape(budgetLabel)));
        }
        StringBuilder points = new StringBuilder();
        for (double[] point : curve) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(point[0]), y(point[1], maxMs)));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"").append(points.toString().trim()).append("\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">percentile</text>%n", WIDTH / 2, HEIGHT - 6));
        return svg.append("</svg>\n").toString();
    }

    /** Percentile to x: equal room per "nine" (0 -> 50 -> 90 -> 99 -> 99.9). */
    static double x(double percentile) {
        double nines = percentile >= 100 ? MAX_NINES : Math.min(MAX_NINES, -Math.log10(1 - percentile / 100));
        double fromMedian = percentile <= 50 ? percentile / 50 * Math.log10(2) : nines;  // 0..p50 linear up to log10(2)
        return LEFT + fromMedian / MAX_NINES * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double ms, double maxMs) {
        return HEIGHT - BOTTOM - ms / maxMs * (HEIGHT - TOP - BOTTOM);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x, y, escape(text));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
