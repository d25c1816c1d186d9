package dev.deployverify.systems.muejam;

import dev.deployverify.systems.muejam.checks.MuejamChecks;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy reference passes every check of this system. Each of its faults turning exactly its checks red is
 * proven by FaultDetectionTest, from the detection cases in the system's fault enum.
 */
class MuejamInfraReferenceTest {

    private static final String CONNECTION = "Database connection";
    private static final String MIGRATIONS = "Verify database migrations";
    private static final String SLOW_QUERIES = "Query Performance: No queries > 100ms";
    private static final String POOL = "Connection Pool: Utilization < 80%";
    private static final String REPLICATION = "Replication Lag: < 5 seconds";

    @BeforeEach
    void needsRealPostgres() {
        RealServers.requirePostgres();
    }

    @Test
    void healthyReferencePassesEveryDatabaseCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(MuejamChecks.INFRA);

        assertThat(outcome.failed()).as("database checks failing against the healthy reference").isEmpty();
        assertThat(outcome.passed()).as("database checks passing")
                .anySatisfy(name -> assertThat(name).startsWith(CONNECTION))
                .anySatisfy(name -> assertThat(name).startsWith(MIGRATIONS))
                .anySatisfy(name -> assertThat(name).startsWith(POOL));
        assertThat(outcome.skipped()).as("skipped database checks and their reasons").allSatisfy((name, reason) -> {
            if (name.startsWith(REPLICATION)) {
                assertThat(reason).contains("needs credentials.replicaDatabaseUrl");
            } else {
                // Only where pg_stat_statements is not preloaded (the machine's PostgreSQL; Testcontainers' has it).
                assertThat(name).startsWith(SLOW_QUERIES);
                assertThat(reason).contains("pg_stat_statements is not installed in database dv_muejam_");
            }
        });
        assertThat(outcome.skipped().keySet()).as("no replica in the reference")
                .anySatisfy(name -> assertThat(name).startsWith(REPLICATION));
    }

}
