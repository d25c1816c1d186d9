package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.metrics.PrometheusText;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.verify.LatencyVerification;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.util.function.Predicate;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * T+5 "Error rate < 1%" and "Response time p95 < 2s", as the service itself saw them: /metrics is scraped before
 * and after the check's scans, and the error rate and p95 come from the difference of its request counters and
 * duration buckets (every route but /metrics; in a shared deployment real traffic counts too, which is the point).
 * The client-observed latency of the same scans is attached as a cross-check.
 */
@WcagaiiCheck
@DisplayName("WCAGAII: server-side error rate and latency")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WcagaiiPerformanceChecks {

    static final String PROBE_HTML = "<!doctype html><html lang=\"en\"><head><title>Latency probe</title></head>"
            + "<body><main><h1>Probe</h1><img src=\"/a.png\" alt=\"A\"><label>Name <input name=\"n\"></label></main></body></html>";

    private final WcagaiiClient api;
    private PrometheusText before;
    private PrometheusText after;
    private LatencySample clientObserved;

    WcagaiiPerformanceChecks(WcagaiiClient api) {
        this.api = api;
    }

    @BeforeAll
    void scanBetweenTwoScrapes(LatencyVerification latency) {
        HttpRequest.Builder scan = api.probeScanRequest();
        before = Allure.step("Scrape /metrics before", api::scrapeMetrics);
        clientObserved = latency.request("POST " + api.path("scan"), scan).note("HTML scans").sample();
        after = Allure.step("Scrape /metrics after", api::scrapeMetrics);
    }

    @PerformanceCheck
    @Verifies("WCAG-11.3")
    @DisplayName("Error rate < 1% (server-side: 5xx share of the requests /metrics counted during the checks' scans)")
    void errorRate() {
        double budget = api.thresholds().value("errorRatePercent");
        double total = requestsCounted();
        String status = statusLabel();
        double errors = counted(s -> s.label(status).startsWith("5"));
        double percent = 100.0 * errors / total;
        Allure.addAttachment("Server-side error rate", "text/plain",
                String.format("requests counted by the service: %.0f%n5xx: %.0f%nerror rate: %.2f%%%n", total, errors, percent), ".txt");
        assertThat(percent).as("server-side error rate in %% (%.0f of %.0f requests answered 5xx): expected < %s%%",
                errors, total, budget).isLessThan(budget);
    }

    @PerformanceCheck
    @Verifies("WCAG-11.4")
    @DisplayName("Response time p95 < 2s (server-side: from the /metrics duration buckets during the checks' scans)")
    void p95(LatencyVerification latency) {
        double budgetMs = api.thresholds().value("p95Ms");
        double total = requestsCounted();
        latency.attach(clientObserved, 95, "p95Ms");
        // Only successful answers are a latency: a fast 500 is not a fast scan.
        String status = statusLabel();
        PrometheusText.Histogram histogram = after.histogramSince(before, WcagaiiMetricsChecks.REQUEST_DURATION,
                servedRoutes().and(s -> s.label(status).startsWith("2")));
        double answered = counted(s -> s.label(status).startsWith("2"));
        assertThat(answered).as("requests /metrics counted as answered 2xx (%s label) between the scrapes, out of %.0f: "
                + "expected some to time (statuses counted: %s)", status, total, statusesCounted(status)).isPositive();
        double p95Ms = histogram.quantile(0.95) * 1000;
        Allure.addAttachment("Server-side latency", "text/plain", String.format(
                "requests counted: %.0f%np95 (histogram_quantile): %.1f ms%nbucket counts: %s%nclient-observed: p95 %.1f ms over %d samples%n",
                total, p95Ms, histogram.cumulative(), clientObserved.percentileMs(95), clientObserved.count()), ".txt");
        assertThat(p95Ms).as("server-side p95 in ms over %.0f requests (buckets %s): expected < %s ms", total,
                histogram.cumulative(), budgetMs).isLessThan(budgetMs);
    }

    /**
     * The label holding the HTTP status ({@code settings.metricsStatusLabel}), when the request series carry it; a
     * filter on a label they do not carry would count no error and time nothing, so the check is inconclusive.
     */
    private String statusLabel() {
        String label = api.target().setting("metricsStatusLabel").orElse("status_code");
        String series = WcagaiiMetricsChecks.REQUEST_DURATION + "_count";
        after.requireLabel(series, label, "set settings.metricsStatusLabel of " + api.target().name()
                + " to the label holding the HTTP status");
        return label;
    }

    /** Status -> requests counted between the scrapes, for the messages. */
    private java.util.Map<String, Double> statusesCounted(String status) {
        java.util.Map<String, Double> counts = new java.util.TreeMap<>();
        String series = WcagaiiMetricsChecks.REQUEST_DURATION + "_count";
        after.samples().stream().filter(s -> s.name().equals(series)).map(s -> s.label(status)).distinct()
                .forEach(value -> counts.put(value, counted(s -> s.label(status).equals(value))));
        return counts;
    }

    /** Requests the service counted between the scrapes: at least the check's own, or its metrics do not count. */
    private double requestsCounted() {
        double counted = counted(s -> true);
        long sent = api.target().intThreshold("warmupRequests") + clientObserved.count();
        assertThat(counted).as("requests counted by %s_count between the two scrapes, after the check sent %d scans",
                WcagaiiMetricsChecks.REQUEST_DURATION, sent).isGreaterThanOrEqualTo(sent);
        return counted;
    }

    private double counted(Predicate<PrometheusText.Sample> filter) {
        String countSeries = WcagaiiMetricsChecks.REQUEST_DURATION + "_count";
        Predicate<PrometheusText.Sample> selected = servedRoutes().and(filter);
        return after.sum(countSeries, selected) - before.sum(countSeries, selected);
    }

    private Predicate<PrometheusText.Sample> servedRoutes() {
        String metricsPath = api.path("metrics");
        return s -> !s.label("route").equals(metricsPath);
    }
}
