package dev.deployverify.systems.muejam;

import dev.deployverify.systems.muejam.checks.MuejamChecks;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy reference passes every check of this system. Each of its faults turning exactly its checks red is
 * proven by FaultDetectionTest, from the detection cases in the system's fault enum.
 */
class MuejamReferenceTest {

    @Test
    void healthyReferencePassesEveryCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(MuejamChecks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.skipped()).as("skipped checks").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSize(21);
    }

}
