package dev.deployverify.perf;

import dev.deployverify.run.SystemUnderTest;
import io.qameta.allure.Allure;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * What a performance check leaves behind and compares against: the latency chart and table in the Allure report,
 * the percentiles (with their sample counts) on the sign-off sheet and in verdict.json, and the p95 held against
 * the environment's stored baseline.
 */
public final class LatencyEvidence {

    private final SystemUnderTest sut;
    /** Figures already reported by this class's checks: several checks read one sample, the sheet lists it once. */
    private final Set<String> reported = new HashSet<>();

    public LatencyEvidence(SystemUnderTest sut) {
        this.sut = sut;
    }

    /**
     * Attaches the percentile chart (with the budget line) and the table, and reports the percentile as a figure.
     *
     * @param percentile the percentile this check holds to its budget
     */
    public void attach(LatencySample sample, double percentile, double budgetMs) {
        String p = "p" + LoadGenerator.fmt(percentile);
        Allure.addAttachment("Latency chart " + sample.label(), "image/svg+xml",
                LatencyChart.svg(sample, budgetMs, p + " budget " + LoadGenerator.fmt(budgetMs) + " ms"), ".svg");
        Allure.addAttachment("Latency " + sample.label(), "text/plain", sample.summary(), ".txt");
        figureOnce(sample.label() + " " + p, sample.percentileMs(percentile), "ms",
                sample.count() + " samples, client-observed, budget " + LoadGenerator.fmt(budgetMs) + " ms");
    }

    /**
     * A load run: its chart and table, its error rate and p95 as figures; inconclusive when it dropped requests.
     */
    public LoadResult attachLoad(LoadResult result, double p95BudgetMs) {
        LatencySample sample = result.sample();
        Allure.addAttachment("Latency chart " + sample.label(), "image/svg+xml",
                LatencyChart.svg(sample, p95BudgetMs, "p95 budget " + LoadGenerator.fmt(p95BudgetMs) + " ms"), ".svg");
        Allure.addAttachment("Load run " + sample.label(), "text/plain", result.summary(), ".txt");
        figureOnce(sample.label() + " under load p95", sample.percentileMs(95), "ms",
                sample.count() + " requests, " + result.model());
        figureOnce(sample.label() + " under load error rate", sample.errorRatePercent(), "%",
                sample.errors() + " of " + sample.count() + " requests, outcomes " + sample.outcomes());
        return result.requireFullLoad();
    }

    /**
     * Holds the sample's p95 to the stored baseline of this check and endpoint in this environment: fails when it
     * degraded by more than the threshold {@code p95RegressionRatio} (and by more than {@code p95RegressionMinMs},
     * so loopback jitter of a millisecond is not a regression). Stores this run as the new baseline unless it
     * regressed (the good baseline stays for the re-run). The first run, or a run writing no evidence, says so.
     */
    public void assertP95WithinBaseline(String check, LatencySample sample) {
        double ratio = sut.target().threshold("p95RegressionRatio");
        double minDeltaMs = sut.target().threshold("p95RegressionMinMs");
        String key = sut.target().name() + " / " + check + " / " + sample.label();
        String version = Optional.ofNullable(sut.record().versions().get(sut.target().name())).orElse("unknown");
        if (sut.reports().isEmpty()) {
            note(key, "no baseline store: this run writes no evidence (no reports directory), so nothing is compared");
            return;
        }
        // Wrong answers (a 404 route, timeouts) establish no p95: the check fails naming them, nothing is stored.
        assertThat(sample).hasPercentileEstablished(95);
        Baselines baselines = new Baselines(sut.reports().get());
        Optional<Baselines.Baseline> baseline = baselines.get(key);
        if (baseline.isEmpty()) {
            if (!storable(key, sample)) {
                return;
            }
            baselines.put(key, sample, version);
            note(key, String.format("no baseline yet for %s in environment %s (first run, or %s was removed): nothing to "
                            + "compare; stored p95 %.2f ms over %d answers of version %s as the baseline",
                    key, sut.environment().name(), baselines.file(), sample.percentileMs(95), sample.answered(), version));
            return;
        }
        Baselines.Baseline previous = baseline.get();
        note(key, String.format("baseline p95 %.2f ms (%d samples, version %s, %s)%nthis run p95 %.2f ms (%d samples, version %s): %.2fx%n"
                        + "allowed: %.2fx (and more than %s ms slower to count)%n",
                previous.p95Ms(), previous.samples(), previous.version(), previous.recordedAt(), sample.percentileMs(95),
                sample.count(), version, sample.percentileMs(95) / Math.max(previous.p95Ms(), 0.001), ratio, LoadGenerator.fmt(minDeltaMs)));
        sut.reportFigure(sample.label() + " p95 vs baseline", sample.percentileMs(95) / Math.max(previous.p95Ms(), 0.001), "x",
                "baseline " + previous.p95Ms() + " ms (version " + previous.version() + "), allowed " + ratio + "x");
        assertThat(sample).hasP95WithinBaseline(previous, ratio, minDeltaMs);
        if (storable(key, sample)) {
            baselines.put(key, sample, version);
        }
    }

    /**
     * Only a clean sample becomes the next baseline: every request got the expected answer and sampling ran to its
     * end. Otherwise the previous baseline stays, and the report says why this one was not stored.
     */
    private static boolean storable(String key, LatencySample sample) {
        if (sample.errors() == 0 && sample.stoppedEarlyReason().isEmpty()) {
            return true;
        }
        note(key + " (not stored)", String.format("not stored as the baseline: %d of %d requests did not get the expected "
                        + "answer (%s)%s; the previous baseline, if any, stays%n", sample.errors(), sample.count(),
                sample.wrongOutcomes(), sample.stoppedEarlyReason().isEmpty() ? "" : ", " + sample.stoppedEarlyReason()));
        return false;
    }

    private void figureOnce(String name, double value, String unit, String basis) {
        if (reported.add(name)) {
            sut.reportFigure(name, value, unit, basis);
        }
    }

    private static void note(String key, String text) {
        Allure.addAttachment("Baseline comparison " + key, "text/plain", text, ".txt");
    }

}
