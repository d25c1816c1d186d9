package dev.deployverify.perf;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link LatencySample} whose failures name the percentile, the budget, the measured value and the
 * sample count. Start from {@link dev.deployverify.perf.PerfAssertions#assertThat(LatencySample)}.
 */
public final class LatencyAssert extends AbstractAssert<LatencyAssert, LatencySample> {

    LatencyAssert(LatencySample actual) {
        super(actual, LatencyAssert.class);
    }

    /**
     * At least this many requests sampled, and not a sample of wrong answers: a percentile over too few requests, or
     * over answers other than the expected ones, means nothing.
     */
    public LatencyAssert hasAtLeastSamples(long minimum) {
        isNotNull();
        if (actual.count() < minimum) {
            failWithMessage("%s: expected at least %d samples for a meaningful percentile, got only %d (%d of them %s)%s (outcomes %s)",
                    actual.label(), minimum, actual.count(), actual.answered(), actual.expected(),
                    actual.stoppedEarlyReason().isEmpty() ? "" : ": " + actual.stoppedEarlyReason(), actual.outcomes());
        }
        return hasPercentileEstablished(50);
    }

    /**
     * The percentile is established by the answers that came: it is computed over the expected answers only (a fast
     * 404 is not a fast endpoint), so a sample with none, or one where wrong answers (another status, a timeout, a
     * refused connection) are the majority, establishes nothing and fails naming them. A minority of wrong answers
     * is the error-rate check's finding, not the latency's.
     */
    public LatencyAssert hasPercentileEstablished(double percentile) {
        isNotNull();
        long wrong = actual.count() - actual.answered();
        if (actual.answered() == 0 || wrong * 2 > actual.count()) {
            failWithMessage("%s: expected answers that were %s to time p%s over, but %d of %d requests got something else "
                            + "(%s)%s: wrong answers are never a latency, so p%s is not established",
                    actual.label(), actual.expected(), fmt(percentile), wrong, actual.count(), actual.wrongOutcomes(),
                    actual.stoppedEarlyReason().isEmpty() ? "" : "; " + actual.stoppedEarlyReason(), fmt(percentile));
        }
        return this;
    }

    public LatencyAssert hasPercentileBelow(double percentile, double budgetMs) {
        hasPercentileEstablished(percentile);
        double measured = actual.percentileMs(percentile);
        if (measured >= budgetMs) {
            failWithMessage("%s: expected p%s < %s ms, measured p%s = %.1f ms over %d answers (%s, client-observed; outcomes %s)",
                    actual.label(), fmt(percentile), fmt(budgetMs), fmt(percentile), measured, actual.answered(), actual.expected(),
                    actual.outcomes());
        }
        return this;
    }

    public LatencyAssert hasErrorRateBelow(double percentBudget) {
        isNotNull();
        if (actual.errorRatePercent() >= percentBudget) {
            failWithMessage("%s: expected error rate < %s%%, measured %.2f%% (%d of %d requests failed; outcomes %s)",
                    actual.label(), fmt(percentBudget), actual.errorRatePercent(), actual.errors(), actual.count(), actual.outcomes());
        }
        return this;
    }

    /**
     * The p95 is not worse than {@code ratio} times the baseline's (a regression must also exceed
     * {@code minDeltaMs}, below which a ratio of two sub-millisecond loopback figures is noise).
     */
    public LatencyAssert hasP95WithinBaseline(Baselines.Baseline baseline, double ratio, double minDeltaMs) {
        hasPercentileEstablished(95);
        double measured = actual.percentileMs(95);
        double allowed = Math.max(baseline.p95Ms() * ratio, baseline.p95Ms() + minDeltaMs);
        if (measured > allowed) {
            failWithMessage("%s: p95 degraded against the baseline: expected at most %sx the baseline's %.2f ms (version %s, "
                            + "%d samples, %s) = %.2f ms, measured p95 = %.2f ms (%.2fx) over %d samples",
                    actual.label(), fmt(ratio), baseline.p95Ms(), baseline.version(), baseline.samples(), baseline.recordedAt(),
                    allowed, measured, measured / Math.max(baseline.p95Ms(), 0.001), actual.answered());
        }
        return this;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
