package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.metrics.PrometheusText;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;

import static org.assertj.core.api.Assertions.assertThat;

/** Observability "Prometheus metrics endpoint tested" and T+5 "Metrics endpoint responding". */
@WcagaiiCheck
@DisplayName("WCAGAII: Prometheus metrics")
class WcagaiiMetricsChecks {

    static final String REQUEST_DURATION = "wcagai_http_request_duration_seconds";

    private final SystemUnderTest sut;
    private final WcagaiiClient api;

    WcagaiiMetricsChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new WcagaiiClient(sut);
    }

    @SmokeCheck
    @Verifies({"WCAG-11.2", "WCAG-3.1", "WCAG-12.1", "WCAG-22.2"})
    @DisplayName("Metrics endpoint responding (GET /metrics: Prometheus text 0.0.4 with process and wcagai_* families)")
    void metricsEndpointResponding() {
        Response response = api.get("metrics");
        assertThat(response.statusCode()).as("GET /metrics status").isEqualTo(200);
        assertThat(response.contentType()).as("GET /metrics Content-Type").startsWith("text/plain").contains("version=0.0.4");
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
        int probes = sut.target().intThreshold("metricsProbeRequests");
        String healthPath = sut.target().path("health");
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
