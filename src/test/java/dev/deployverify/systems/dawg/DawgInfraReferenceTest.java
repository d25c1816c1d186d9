package dev.deployverify.systems.dawg;

import dev.deployverify.systems.dawg.checks.DawgChecks;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy reference passes every check of this system. Each of its faults turning exactly its checks red is
 * proven by FaultDetectionTest, from the detection cases in the system's fault enum.
 */
class DawgInfraReferenceTest {

    private static final String CONNECTION = "Database connection";
    private static final String MIGRATIONS = "Migrations applied successfully, no errors in migration logs";

    @BeforeEach
    void needsRealPostgres() {
        RealServers.requirePostgres();
    }

    @Test
    void healthyReferencePassesEveryDatabaseCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(DawgChecks.INFRA);

        assertThat(outcome.failed()).as("database checks failing against the healthy reference").isEmpty();
        assertThat(outcome.skipped()).as("skipped database checks").isEmpty();
        assertThat(outcome.passed()).as("database checks passing").hasSize(2);
    }

}
