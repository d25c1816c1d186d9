package dev.deployverify.systems.dawg;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import dev.deployverify.selftest.support.RealServers;
import dev.deployverify.systems.dawg.checks.DawgChecks;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy reference passes every check of this system. Each of its faults turning exactly its checks red is
 * proven by FaultDetectionTest, from the detection cases in the system's fault enum.
 */
@ResourceLock(value = RealServers.BROWSER_CPU, mode = ResourceAccessMode.READ)
class DawgReferenceTest {

    @Test
    void healthyReferencePassesEveryCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(DawgChecks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.skipped()).as("skipped checks and their reasons").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSize(31);
    }

    /**
     * The checklist's 30 s budget would make the fault wait 30 s a beat; a selftest environment holds the same
     * check to 1 s, which the healthy reference (~0.3 s a beat) meets and the slow one (~1.2 s) does not.
     */
    @Test
    void theHealthyReferenceMeetsTheSelftestGenerationBudget() {
        Path budget = Path.of(System.getProperty("basedir", "."), "src/test/resources/selftest/dawg-generation-budget.yaml");

        assertThat(CheckRun.againstEnvironmentFile(budget).run(DawgChecks.GENERATION).failed())
                .as("generation checks red against the healthy reference with a 1 s budget").isEmpty();
        // DawgFault.SLOW_GENERATION is caught in this environment (FaultDetectionTest).
    }
}
