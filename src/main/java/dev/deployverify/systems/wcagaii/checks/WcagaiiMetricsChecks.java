package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.metrics.PrometheusText;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;

import static dev.deployverify.verify.Verify.assertThat;

/** Observability "Prometheus metrics endpoint tested" and T+5 "Metrics endpoint responding". */
@WcagaiiCheck
@DisplayName("WCAGAII: Prometheus metrics")
class WcagaiiMetricsChecks {

    static final String REQUEST_DURATION = "wcagai_http_request_duration_seconds";

    private final WcagaiiClient api;

    WcagaiiMetricsChecks(WcagaiiClient api) {
        this.api = api;
    }

    @SmokeCheck
    @Verifies({"WCAG-11.2", "WCAG-3.1", "WCAG-12.1", "WCAG-22.2"})
    @DisplayName("Metrics endpoint responding (GET /metrics: Prometheus text 0.0.4 with process and wcagai_* families)")
    void metricsEndpointResponding() {
        Verify.that(api.get("metrics")).hasStatus(200).hasContentType("text/plain").hasContentTypeContaining("version=0.0.4");
        PrometheusText metrics = api.scrapeMetrics();
        assertThat(metrics.types()).as("metric families declared by GET /metrics (# TYPE)")
                .containsEntry(REQUEST_DURATION, "histogram")
                .containsEntry("wcagai_scan_duration_seconds", "histogram")
                .containsKeys("process_cpu_seconds_total", "process_resident_memory_bytes", "wcagai_scans_total",
                        "wcagai_errors_total", "wcagai_browser_pool_size", "wcagai_circuit_breaker_state");
    }

    @SmokeCheck
    @Verifies("WCAG-3.1")
    @DisplayName("Prometheus metrics endpoint tested (the request counter grows by the requests the check sends)")
    void metricsCountRequests() {
        int probes = api.target().intThreshold("metricsProbeRequests");
        String healthPath = api.path("health");
        PrometheusText before = api.scrapeMetrics();
        Allure.step("Send " + probes + " GET " + healthPath, () -> {
            for (int i = 0; i < probes; i++) {
                api.get("health");
            }
        });
        PrometheusText after = api.scrapeMetrics();
        double counted = healthRequests(after, healthPath) - healthRequests(before, healthPath);
        assertThat(counted).as("%s_count{route=\"%s\"} growth after %d requests (before %s, after %s)", REQUEST_DURATION,
                healthPath, probes, healthRequests(before, healthPath), healthRequests(after, healthPath))
                .isGreaterThanOrEqualTo(probes);
    }

    private static double healthRequests(PrometheusText metrics, String healthPath) {
        return metrics.sum(REQUEST_DURATION + "_count", s -> s.label("route").equals(healthPath));
    }
}
