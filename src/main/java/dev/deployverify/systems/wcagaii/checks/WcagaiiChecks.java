package dev.deployverify.systems.wcagaii.checks;

/** The WCAGAII check classes, for the suite's own tests (which run them against a faulty reference). */
public final class WcagaiiChecks {

    public static final Class<?> HEALTH = WcagaiiHealthChecks.class;
    public static final Class<?> METRICS = WcagaiiMetricsChecks.class;
    public static final Class<?> PERFORMANCE = WcagaiiPerformanceChecks.class;
    public static final Class<?> LOAD = WcagaiiLoadChecks.class;
    public static final Class<?> SCAN_FLOW = WcagaiiScanFlowChecks.class;
    public static final Class<?> SSRF = WcagaiiSsrfChecks.class;
    public static final Class<?> VALIDATION = WcagaiiInputValidationChecks.class;
    public static final Class<?> EDGE = WcagaiiEdgeSecurityChecks.class;
    public static final Class<?>[] ALL = {HEALTH, METRICS, PERFORMANCE, LOAD, SCAN_FLOW, SSRF, VALIDATION, EDGE};

    private WcagaiiChecks() {
    }
}
