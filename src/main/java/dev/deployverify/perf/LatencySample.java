package dev.deployverify.perf;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies of one endpoint, client-observed, in microseconds, plus what the requests answered. Only the answers
 * the check expected (e.g. 2xx) are timed into the percentiles: a fast 404 says nothing about the endpoint's speed.
 * Errors (transport failures, timeouts and answers with another status) are counted, by outcome, and make the
 * percentile unestablished once there are more of them than the percentile leaves room for
 * ({@link LatencyAssert#hasPercentileBelow}).
 */
public final class LatencySample {

    private final String label;
    private final String expected;
    private final Histogram histogram = new Histogram(60_000_000L, 3);
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Integer> wrong = new TreeMap<>();
    private long requests;
    private int errors;
    private String stoppedEarly = "";

    public LatencySample(String label) {
        this(label, "the expected answer");
    }

    /** @param expected what counts as an answer, for the messages (e.g. "2xx", "an acknowledgement") */
    public LatencySample(String label, String expected) {
        this.label = label;
        this.expected = expected;
    }

    /**
     * @param error true when the request did not get the expected answer: counted under its outcome, not timed
     */
    public synchronized void record(long micros, String outcome, boolean error) {
        requests++;
        outcomes.merge(outcome, 1, Integer::sum);
        if (error) {
            errors++;
            wrong.merge(outcome, 1, Integer::sum);
        } else {
            histogram.recordValue(Math.max(1, Math.min(micros, histogram.getHighestTrackableValue())));
        }
    }

    /** What counts as an answer here (e.g. "2xx"). */
    public String expected() {
        return expected;
    }

    /** Requests that got the expected answer: the ones the percentiles are computed over. */
    public synchronized long answered() {
        return histogram.getTotalCount();
    }

    /** The outcomes other than the expected answer, with their counts (e.g. {404=20}); empty when all answered. */
    public synchronized Map<String, Integer> wrongOutcomes() {
        return new TreeMap<>(wrong);
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

    /** Requests recorded, whatever they got (the error rate's denominator); {@link #answered()} for the timed ones. */
    public synchronized long count() {
        return requests;
    }

    public synchronized int errors() {
        return errors;
    }

    public synchronized double errorRatePercent() {
        return count() == 0 ? 0 : 100.0 * errors / count();
    }

    /** The percentile (0..100) in milliseconds, over the expected answers only. */
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
                        + "timed: the %d answers that were %s%n"
                        + "p50: %.1f ms%np90: %.1f ms%np95: %.1f ms%np99: %.1f ms%nmax: %.1f ms%n",
                label + (stoppedEarly.isEmpty() ? "" : " (" + stoppedEarly + ")"), count(), errors, errorRatePercent(), new TreeMap<>(outcomes),
                answered(), expected,
                percentileMs(50), percentileMs(90), percentileMs(95), percentileMs(99), maxMs());
    }

    @Override
    public String toString() {
        return label + " (" + count() + " samples)";
    }
}
