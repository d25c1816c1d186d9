package dev.deployverify.systems.wcagaii;

import dev.deployverify.systems.wcagaii.checks.WcagaiiChecks;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy reference passes every check of this system. Each of its faults turning exactly its checks red is
 * proven by FaultDetectionTest, from the detection cases in the system's fault enum.
 */
class WcagaiiReferenceTest {

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

}
