package dev.deployverify.systems.dawg;

import dev.deployverify.systems.dawg.checks.DawgChecks;
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
 * The DAWG AI database checks against a real PostgreSQL: the reference's throwaway database (Prisma's
 * _prisma_migrations) passes, and each real condition (a failed migration row, the release's latest migration
 * missing, a database that is not there) turns exactly its checks red. Without a server a developer's run skips with
 * the reason; CI fails (see {@link RealServers}).
 */
class DawgInfraFaultDetectionTest {

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

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("db-unreachable", CONNECTION, MIGRATIONS),
                fault("migration-failed", MIGRATIONS),
                fault("migration-pending", MIGRATIONS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, Class<?> checks, List<String> expectedRed) {
        CheckRun.againstReference("dawg." + fault).run(checks).assertExactlyRed(fault, expectedRed);
    }

    private static Arguments fault(String name, String... expectedRed) {
        return Arguments.of(name, DawgChecks.INFRA, List.of(expectedRed));
    }
}
