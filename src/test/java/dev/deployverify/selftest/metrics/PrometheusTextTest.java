package dev.deployverify.selftest.metrics;

import dev.deployverify.metrics.PrometheusText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PrometheusTextTest {

    private static final String BEFORE = """
            # HELP http_seconds Duration of HTTP requests in seconds
            # TYPE http_seconds histogram
            http_seconds_bucket{route="/a",le="0.1"} 10
            http_seconds_bucket{route="/a",le="1"} 10
            http_seconds_bucket{route="/a",le="+Inf"} 10
            http_seconds_sum{route="/a"} 0.5
            http_seconds_count{route="/a"} 10
            # TYPE errors_total counter
            errors_total{type="a \\"quoted\\" value, with comma"} 1 1700000000000
            process_cpu_seconds_total 1.5e-3
            """;

    private static final String AFTER = """
            # TYPE http_seconds histogram
            http_seconds_bucket{route="/a",le="0.1"} 28
            http_seconds_bucket{route="/a",le="1"} 29
            http_seconds_bucket{route="/a",le="+Inf"} 30
            http_seconds_count{route="/a"} 30
            http_seconds_bucket{route="/metrics",le="0.1"} 5
            http_seconds_bucket{route="/metrics",le="1"} 5
            http_seconds_bucket{route="/metrics",le="+Inf"} 5
            http_seconds_count{route="/metrics"} 5
            """;

    @Test
    void parsesSamplesLabelsTypesAndSpecialValues() {
        PrometheusText text = PrometheusText.parse(BEFORE);

        assertThat(text.types()).containsEntry("http_seconds", "histogram").containsEntry("errors_total", "counter");
        assertThat(text.sum("http_seconds_count")).isEqualTo(10);
        assertThat(text.samples()).anySatisfy(s -> assertThat(s.label("type")).isEqualTo("a \"quoted\" value, with comma"));
        assertThat(text.sum("process_cpu_seconds_total")).isEqualTo(0.0015);
        assertThat(text.sampleNames()).contains("http_seconds_bucket", "http_seconds_sum");
    }

    /** prom-client, the WCAGAII stack's metrics library, writes "Nan" (its event-loop lag before any sample). */
    @Test
    void specialValuesAreReadInAnyCaseAsPrometheusDoes() {
        PrometheusText text = PrometheusText.parse("""
                nodejs_eventloop_lag_mean_seconds Nan
                a_bucket{le="+inf"} 3
                b -Inf
                """);

        assertThat(text.sum("nodejs_eventloop_lag_mean_seconds")).isNaN();
        assertThat(text.sum("a_bucket")).isEqualTo(3);
        assertThat(text.sum("b")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void histogramDifferenceBetweenScrapesGivesQuantilesAsPrometheusDoes() {
        PrometheusText.Histogram delta = PrometheusText.parse(AFTER)
                .histogramSince(PrometheusText.parse(BEFORE), "http_seconds", s -> s.label("route").equals("/a"));

        assertThat(delta.count()).isEqualTo(20);
        assertThat(delta.quantile(0.5)).isCloseTo(0.1 * 10 / 18, within(1e-9));   // rank 10 of the 18 in (0, 0.1]
        assertThat(delta.quantile(0.95)).isCloseTo(1.0, within(1e-9));             // rank 19: the one in (0.1, 1]
        assertThat(delta.quantile(1.0)).isInfinite();                              // the slowest is beyond the last bound
    }

    @Test
    void emptyHistogramHasNoQuantile() {
        assertThat(PrometheusText.parse("").histogramSince(null, "none", s -> true).quantile(0.95)).isNaN();
    }

    @Test
    void malformedLinesAreRefusedWithTheirNumber() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\n<html>not metrics</html>"))
                .hasMessageContaining("line 2").hasMessageContaining("<html>");
        assertThatThrownBy(() -> PrometheusText.parse("m{le=\"1} 2")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("m twelve")).hasMessageContaining("line 1");
    }
}
