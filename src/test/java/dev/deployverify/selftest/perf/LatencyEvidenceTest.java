package dev.deployverify.selftest.perf;

import dev.deployverify.perf.Baselines;
import dev.deployverify.perf.LatencyChart;
import dev.deployverify.perf.LatencySample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.deployverify.perf.PerfAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Baselines stored and compared, the regression assertion's message, and the chart being well-formed SVG. */
class LatencyEvidenceTest {

    private static LatencySample sample(String label, long... micros) {
        LatencySample sample = new LatencySample(label);
        for (long value : micros) {
            sample.record(value, "200", false);
        }
        return sample;
    }

    private static LatencySample uniform(long micros, int count) {
        long[] values = new long[count];
        java.util.Arrays.fill(values, micros);
        return sample("GET /stories", values);
    }

    @Test
    void baselinesAreStoredPerKeyWithTheVersion(@TempDir Path reports) {
        Baselines baselines = new Baselines(reports);
        assertThat(baselines.get("muejam / p95 / GET /stories")).isEmpty();

        baselines.put("muejam / p95 / GET /stories", uniform(40_000, 100), "1.4.1");

        Baselines.Baseline stored = new Baselines(reports).get("muejam / p95 / GET /stories").orElseThrow();
        assertThat(stored.p95Ms()).isBetween(39.9, 40.1);
        assertThat(stored.samples()).isEqualTo(100);
        assertThat(stored.version()).isEqualTo("1.4.1");
        assertThat(reports.resolve(Baselines.FILE_NAME)).exists();
    }

    @Test
    void aP95DegradedBeyondTheRatioFailsNamingBothNumbers() {
        Baselines.Baseline baseline = new Baselines.Baseline(30, 40, 50, 100, "1.4.1", "2026-11-21T10:00:00Z");

        assertThatThrownBy(() -> assertThat(uniform(70_000, 100)).hasP95WithinBaseline(baseline, 1.5, 20))
                .hasMessageContaining("expected at most 1.5x the baseline's 40.00 ms (version 1.4.1")
                .hasMessageContaining("= 60.00 ms")
                .hasMessageContaining("measured p95 = 70.0")
                .hasMessageContaining("over 100 samples");
        assertThat(uniform(59_000, 100)).hasP95WithinBaseline(baseline, 1.5, 20);
    }

    @Test
    void aSubMillisecondRatioIsNoiseNotARegression() {
        Baselines.Baseline loopback = new Baselines.Baseline(0.5, 0.8, 1.2, 100, "1.4.1", "2026-11-21T10:00:00Z");

        // 3x slower, but 1.6 ms: below the 20 ms floor.
        assertThat(uniform(2_400, 100)).hasP95WithinBaseline(loopback, 1.5, 20);
        assertThatThrownBy(() -> assertThat(uniform(25_000, 100)).hasP95WithinBaseline(loopback, 1.5, 20))
                .hasMessageContaining("degraded against the baseline");
    }

    @Test
    void theChartIsWellFormedSvgWithTheCurveAndTheBudget() throws Exception {
        LatencySample sample = sample("GET /a&b", 1_000, 2_000, 3_000, 50_000, 700_000);

        String svg = LatencyChart.svg(sample, 500, "p95 budget 500 ms");

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(svg).contains("GET /a&amp;b").contains("p95 budget 500 ms").contains("5 samples");
    }
}
