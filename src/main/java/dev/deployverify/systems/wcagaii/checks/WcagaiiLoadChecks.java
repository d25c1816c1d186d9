package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.LoadCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LoadResult;
import dev.deployverify.verify.LoadVerification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

/**
 * T+30 "Run load test (5 VUs, 5 minutes)" as a closed model: each virtual user scans a small HTML document again a
 * think time (loadThinkMs, 1 s) after the previous scan answered, bounded by the environment's loadSeconds and
 * loadRequests (staging: the pre-deploy profile, 10 VUs for 60 s). The checklist sets no pass mark for the load
 * test, so it is held to the T+5 numbers (error rate < 1%, p95 < 2 s), client-observed. Scans are read-only. One
 * run for the class; both checks read it.
 */
@WcagaiiCheck
@DisplayName("WCAGAII: load test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WcagaiiLoadChecks {

    private final LoadVerification load;
    private LoadResult run;

    WcagaiiLoadChecks(LoadVerification load) {
        this.load = load;
    }

    @BeforeAll
    void scanWithVirtualUsers(WcagaiiClient api) {
        run = load.run("POST " + api.path("scan"), api.probeScanRequest());
    }

    @LoadCheck
    @Verifies("WCAG-13.1")
    @DisplayName("Run load test (5 VUs, 5 minutes by default): error rate < 1% of the virtual users' scans")
    void errorRateUnderLoad() {
        load.errorRateWithin(run);
    }

    @LoadCheck
    @Verifies("WCAG-13.1")
    @DisplayName("Run load test (5 VUs, 5 minutes by default): p95 < 2s of the virtual users' scans")
    void p95UnderLoad() {
        load.p95Within(run);
    }
}
