package dev.deployverify.perf;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies of one endpoint, client-observed, in microseconds, plus what the requests answered. Errors (transport
 * failures and non-2xx answers to requests that should succeed) are counted but their latency is recorded too.
 */
public final class LatencySample {

    private final String label;
    private final Histogram histogram = new Histogram(60_000_000L, 3);
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int errors;
    private String stoppedEarly = "";

    public LatencySample(String label) {
        this.label = label;
    }

    public synchronized void record(long micros, String outcome, boolean error) {
        histogram.recordValue(Math.max(1, Math.min(micros, histogram.getHighestTrackableValue())));
        outcomes.merge(outcome, 1, Integer::sum);
        if (error) {
            errors++;
        }
    }

    /** Sampling ended before all requests were sent, and why (the sample is then too short to trust a percentile). */
    public synchronized void stoppedEarly(String reason) {
        stoppedEarly = reason;
        outcomes.merge(reason, 0, Integer::sum);
    }

    public synchronized String stoppedEarlyReason() {
        return stoppedEarly;
    }

    public String label() {
        return label;
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    public synchronized int errors() {
        return errors;
    }

    public synchronized double errorRatePercent() {
        return count() == 0 ? 0 : 100.0 * errors / count();
    }

    /** The percentile (0..100) in milliseconds. */
    public synchronized double percentileMs(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public synchronized double maxMs() {
        return histogram.getMaxValue() / 1000.0;
    }

    /**
     * The percentile curve for a chart: (percentile, milliseconds) pairs at HdrHistogram's percentile iteration
     * points (denser towards the tail), ending at the maximum.
     */
    public synchronized List<double[]> percentileCurve() {
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue value : histogram.percentiles(5)) {
            points.add(new double[] {value.getPercentileLevelIteratedTo(), value.getValueIteratedTo() / 1000.0});
        }
        return points;
    }

    /** Status codes and failure kinds with their counts, e.g. {200=199, 503=1}. */
    public synchronized Map<String, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** A small table for the report. */
    public synchronized String summary() {
        return String.format("%s%nsamples: %d (client-observed, after warm-up)%nerrors: %d (%.2f%%)%noutcomes: %s%n"
                        + "p50: %.1f ms%np90: %.1f ms%np95: %.1f ms%np99: %.1f ms%nmax: %.1f ms%n",
                label + (stoppedEarly.isEmpty() ? "" : " (" + stoppedEarly + ")"), count(), errors, errorRatePercent(), new TreeMap<>(outcomes),
                percentileMs(50), percentileMs(90), percentileMs(95), percentileMs(99), maxMs());
    }

    @Override
    public String toString() {
        return label + " (" + count() + " samples)";
    }
}
