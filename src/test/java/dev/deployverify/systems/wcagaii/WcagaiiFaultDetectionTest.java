package dev.deployverify.systems.wcagaii;

import dev.deployverify.systems.wcagaii.checks.WcagaiiChecks;
import dev.deployverify.systems.wcagaii.reference.WcagaiiReference;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every WCAGAII fault turns exactly its checks red against the reference deployment (a parameterized check: exactly
 * the rows of the payloads or bodies concerned), and the healthy reference passes everything.
 */
class WcagaiiFaultDetectionTest {

    private static final String SSRF_URL = "SSRF protection tested against OWASP test cases";
    private static final String SSRF_BULK = "SSRF protection verified for bulk scans";
    private static final String VALIDATION = "Input validation implemented for all endpoints";

    @Test
    void healthyReferencePassesEveryCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(WcagaiiChecks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.skipped()).as("skipped checks").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSize(68);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("health-down", WcagaiiChecks.HEALTH, "Production health checks pass (GET /health",
                        "Production health checks pass: readiness", "Production health checks pass: liveness"),
                fault("browser-pool-down", WcagaiiChecks.HEALTH, "Production health checks pass (GET /health",
                        "Production health checks pass: readiness"),
                fault("metrics-down", WcagaiiChecks.METRICS, "Metrics endpoint responding", "Prometheus metrics endpoint tested"),
                fault("metrics-down", WcagaiiChecks.PERFORMANCE, "Error rate < 1% (server-side", "Response time p95 < 2s (server-side"),
                fault("metrics-frozen", WcagaiiChecks.METRICS, "Prometheus metrics endpoint tested"),
                fault("metrics-frozen", WcagaiiChecks.PERFORMANCE, "Error rate < 1%", "Response time p95 < 2s"),
                fault("scan-errors", WcagaiiChecks.PERFORMANCE, "Error rate < 1%"),
                fault("slow-scan", WcagaiiChecks.PERFORMANCE, "Response time p95 < 2s"),
                fault("scan-errors", WcagaiiChecks.LOAD, "Run load test (5 VUs, 5 minutes by default): error rate < 1%"),
                fault("slow-scan", WcagaiiChecks.LOAD, "Run load test (5 VUs, 5 minutes by default): p95 < 2s"),
                fault("scan-misses-labels", WcagaiiChecks.SCAN_FLOW, "scanning a known HTML document",
                        "scanning a clean HTML document"),
                fault("no-correlation-id", WcagaiiChecks.SCAN_FLOW, "Structured logging implemented with trace IDs"),
                fault("ssrf-numeric-bypass", WcagaiiChecks.SSRF,
                        SSRF_URL + " (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback as one decimal number",
                        SSRF_URL + " (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback in hexadecimal",
                        SSRF_URL + " (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback in short form",
                        SSRF_URL + " (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback in octal",
                        SSRF_BULK + " (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback as one decimal number",
                        SSRF_BULK + " (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback in hexadecimal",
                        SSRF_BULK + " (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback in short form",
                        SSRF_BULK + " (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback in octal"),
                fault("bad-input-500", WcagaiiChecks.VALIDATION, VALIDATION + " (a malformed body gets 400 naming the field, never 500): scan whose input is a number",
                        VALIDATION + " (a malformed body gets 400 naming the field, never 500): scan with a body that is not JSON"),
                fault("no-rate-limit", WcagaiiChecks.EDGE, "Rate limiting configured and tested", "Rate limiting verified"),
                fault("missing-csp", WcagaiiChecks.EDGE, "Security headers verified (CSP"),
                fault("missing-hsts", WcagaiiChecks.EDGE, "Security headers verified (CSP"),
                fault("cors-wildcard", WcagaiiChecks.EDGE, "Security headers verified: CORS is not *"),
                fault("auth-disabled", WcagaiiChecks.EDGE, "Authentication middleware implemented"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, String checkClass, Class<?> checks, List<String> expectedRed) {
        CheckRun.Outcome outcome = CheckRun.againstReference("wcagaii." + fault).run(checks);

        outcome.assertExactlyRed(fault, expectedRed);
    }

    @Test
    void everyFaultIsProvenBySomeCase() {
        Set<String> proven = faults().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(proven).as("faults with a detection case").isEqualTo(WcagaiiReference.FAULTS.keySet());
    }

    private static Arguments fault(String name, Class<?> checks, String... expectedRed) {
        return Arguments.of(name, checks.getSimpleName(), checks, List.of(expectedRed));
    }
}
