package dev.deployverify.systems.ywmessaging;

import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
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
 * The YWMessaging infra checks against real servers: the reference's throwaway PostgreSQL database and Redis pass,
 * and each real condition (a failed migration row, a cold cache, a nearly full maxmemory...) turns exactly its check
 * red. Without servers a developer's run skips with the reason; CI fails (see {@link RealServers}).
 */
class YwInfraFaultDetectionTest {

    private static final String DB_CONNECTION = "Database connection successful";
    private static final String MIGRATIONS = "Database migrations applied";
    private static final String POOL = "Connection Pool Usage < 60%";
    private static final String HEAP_CACHE = "Database health normal: cache hit ratio";
    private static final String SLOW_QUERIES = "Slow Query Count: 0";
    private static final String REPLICATION = "Replication Lag < 1000ms";

    @BeforeEach
    void needsRealServers() {
        RealServers.requirePostgresAndRedis();
    }

    @Test
    void healthyReferencePassesEveryInfraCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(YwMessagingChecks.INFRA);

        assertThat(outcome.failed()).as("infra checks failing against the healthy reference").isEmpty();
        assertThat(outcome.passed()).as("infra checks passing").hasSizeGreaterThanOrEqualTo(8);
        assertThat(outcome.skipped()).as("skipped infra checks and their reasons").allSatisfy((name, reason) -> {
            if (name.startsWith(REPLICATION)) {
                assertThat(reason).contains("needs credentials.replicaDatabaseUrl");
            } else {
                // Only where pg_stat_statements is not preloaded (the machine's PostgreSQL; Testcontainers' has it).
                assertThat(name).startsWith(SLOW_QUERIES);
                assertThat(reason).contains("pg_stat_statements is not installed in database dv_ywmessaging_");
            }
        });
        assertThat(outcome.skipped()).as("no replica in the reference").containsKey(
                "Replication Lag < 1000ms if using replicas (replay lag on the replica)");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("db-unreachable", DB_CONNECTION, MIGRATIONS, POOL, HEAP_CACHE, SLOW_QUERIES),
                fault("migration-failed", MIGRATIONS),
                fault("migration-pending", MIGRATIONS),
                fault("db-connections-exhausted", POOL),
                fault("db-cache-cold", HEAP_CACHE),
                fault("replica-is-primary", REPLICATION),
                fault("redis-blocked", "Redis connection successful (PING"),
                fault("redis-memory-full", "Memory Usage < 80%"),
                fault("redis-flushed", "Key count"),
                fault("redis-cache-misses", "Cache Hit Rate > 70% for Redis"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, List<String> expectedRed) {
        CheckRun.Outcome outcome = CheckRun.againstReference("ywmessaging." + fault).run(YwMessagingChecks.INFRA);

        outcome.assertExactlyRed(fault, expectedRed);
    }

    private static Arguments fault(String name, String... expectedRed) {
        return Arguments.of(name, List.of(expectedRed));
    }
}
