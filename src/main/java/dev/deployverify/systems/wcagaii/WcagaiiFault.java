package dev.deployverify.systems.wcagaii;

import dev.deployverify.systems.Fault;
import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.wcagaii.checks.WcagaiiChecks;

import static dev.deployverify.systems.FaultSpec.*;

/**
 * Every fault the Wcagaii stand-in can be started with: what kind of bad deploy it stands for, what breaks, the
 * checklist items it violates, and the checks that must go red (and no other) when it is on.
 */
public enum WcagaiiFault implements Fault {

    AUTH_DISABLED(security("/api routes answer without an API key")
            .violates("WCAG-2.7")
            .caughtBy(WcagaiiChecks.EDGE,
                    "Authentication middleware implemented")),
    BAD_INPUT_500(contract("a non-JSON body and a non-string input crash the handler (500) instead of a 400")
            .violates("WCAG-2.6", "WCAG-5.7")
            .caughtBy(WcagaiiChecks.VALIDATION,
                    "Input validation implemented for all endpoints (a malformed body gets 400 naming the field, never 500): scan whose input is a number",
                    "Input validation implemented for all endpoints (a malformed body gets 400 naming the field, never 500): scan with a body that is not JSON")),
    BROWSER_POOL_DOWN(availability("/health reports the browser pool down (503 unhealthy) and /health/ready answers 503")
            .violates("WCAG-11.1")
            .caughtBy(WcagaiiChecks.HEALTH,
                    "Production health checks pass (GET /health",
                    "Production health checks pass: readiness")),
    CORS_WILDCARD(security("Access-Control-Allow-Origin: * on every response")
            .violates("WCAG-2.5")
            .caughtBy(WcagaiiChecks.EDGE,
                    "Security headers verified: CORS is not *")),
    HEALTH_DOWN(availability("/health, /health/ready and /health/live answer 503")
            .violates("WCAG-11.1", "WCAG-18.3")
            .caughtBy(WcagaiiChecks.HEALTH,
                    "Production health checks pass (GET /health",
                    "Production health checks pass: readiness",
                    "Production health checks pass: liveness")),
    METRICS_DOWN(availability("GET /metrics answers 404")
            .violates("WCAG-11.2", "WCAG-3.1", "WCAG-11.3", "WCAG-11.4")
            .caughtBy(WcagaiiChecks.METRICS,
                    "Metrics endpoint responding",
                    "Prometheus metrics endpoint tested")
            .caughtBy(WcagaiiChecks.PERFORMANCE,
                    "Error rate < 1% (server-side",
                    "Response time p95 < 2s (server-side")),
    METRICS_FROZEN(contract("/metrics is served but its counters and histograms stop counting requests")
            .violates("WCAG-3.1", "WCAG-11.3", "WCAG-11.4")
            .caughtBy(WcagaiiChecks.METRICS,
                    "Prometheus metrics endpoint tested")
            .caughtBy(WcagaiiChecks.PERFORMANCE,
                    "Error rate < 1%",
                    "Response time p95 < 2s")),
    MISSING_CSP(security("no Content-Security-Policy header")
            .violates("WCAG-2.5")
            .caughtBy(WcagaiiChecks.EDGE,
                    "Security headers verified (CSP")),
    MISSING_HSTS(security("no Strict-Transport-Security header")
            .violates("WCAG-2.5")
            .caughtBy(WcagaiiChecks.EDGE,
                    "Security headers verified (CSP")),
    NO_CORRELATION_ID(contract("responses carry no X-Correlation-ID")
            .violates("WCAG-3.3")
            .caughtBy(WcagaiiChecks.SCAN_FLOW,
                    "Structured logging implemented with trace IDs")),
    NO_RATE_LIMIT(security("no RateLimit-* headers and no 429, however many requests")
            .violates("WCAG-2.4", "WCAG-5.6")
            .caughtBy(WcagaiiChecks.EDGE,
                    "Rate limiting configured and tested",
                    "Rate limiting verified")),
    SCAN_ERRORS(availability("every 10th POST /api/scan answers 500 (server-side error rate 10%)")
            .violates("WCAG-11.3", "WCAG-13.1")
            .caughtBy(WcagaiiChecks.PERFORMANCE,
                    "Error rate < 1%")
            .caughtBy(WcagaiiChecks.LOAD,
                    "Run load test (5 VUs, 5 minutes by default): error rate < 1%")),
    SCAN_MISSES_LABELS(flow("the rule engine no longer reports unlabelled form fields (axe rule 'label')")
            .brief("a scan reports the WCAG violations of the document (axe rules)")
            .caughtBy(WcagaiiChecks.SCAN_FLOW,
                    "scanning a known HTML document",
                    "scanning a clean HTML document")),
    SLOW_SCAN(performance("every 10th POST /api/scan takes 2.1 s (server-side p95 over 2 s)")
            .violates("WCAG-11.4", "WCAG-13.1")
            .caughtBy(WcagaiiChecks.PERFORMANCE,
                    "Response time p95 < 2s")
            .caughtBy(WcagaiiChecks.LOAD,
                    "Run load test (5 VUs, 5 minutes by default): p95 < 2s")),
    SSRF_NUMERIC_BYPASS(security("the SSRF guard only knows dotted quads: decimal, hex, octal and short loopback pass")
            .violates("WCAG-2.3", "WCAG-5.5")
            .caughtBy(WcagaiiChecks.SSRF,
                    "SSRF protection tested against OWASP test cases (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback as one decimal number",
                    "SSRF protection tested against OWASP test cases (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback in hexadecimal",
                    "SSRF protection tested against OWASP test cases (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback in short form",
                    "SSRF protection tested against OWASP test cases (POST /api/scan type url answers 403 SSRF_PROTECTION): loopback in octal",
                    "SSRF protection verified for bulk scans (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback as one decimal number",
                    "SSRF protection verified for bulk scans (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback in hexadecimal",
                    "SSRF protection verified for bulk scans (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback in short form",
                    "SSRF protection verified for bulk scans (POST /api/scan/bulk answers 403 SSRF_PROTECTION): loopback in octal"));

    private final FaultSpec spec;

    WcagaiiFault(FaultSpec spec) {
        this.spec = spec;
    }

    @Override
    public FaultSpec spec() {
        return spec;
    }
}
