package dev.deployverify.systems.muejam;

import dev.deployverify.systems.muejam.checks.MuejamChecks;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MueJam database checks against a real PostgreSQL: the reference's throwaway database (Django's
 * django_migrations) passes, and each real condition (the release's latest migration missing, connections near the
 * database's limit, a "replica" that is the primary) turns exactly its check red. Without a server a developer's run
 * skips with the reason; CI fails (see {@link RealServers}).
 */
class MuejamInfraFaultDetectionTest {

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

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("db-unreachable", CONNECTION, MIGRATIONS, SLOW_QUERIES, POOL),
                fault("migration-pending", MIGRATIONS),
                fault("db-connections-exhausted", POOL),
                fault("replica-is-primary", REPLICATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, Class<?> checks, List<String> expectedRed) {
        CheckRun.Outcome outcome = CheckRun.againstReference("muejam." + fault).run(checks);

        outcome.assertExactlyRed(fault, expectedRed);
    }

    private static Arguments fault(String name, String... expectedRed) {
        return Arguments.of(name, MuejamChecks.INFRA, List.of(expectedRed));
    }
}
