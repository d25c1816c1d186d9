package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.infra.InfraVerification;
import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Phase 2 "Database/Redis connection successful", Phase 3 "Database Metrics" and "Cache Hit Rate", and the critical
 * commands' database and cache queries (pg_stat_activity, pg_stat_statements, pg_statio_user_tables, PING,
 * INFO memory, DBSIZE), read straight from PostgreSQL (Prisma) and Redis. Read-only: a read-only session and user,
 * fixed SELECTs and PING/INFO/DBSIZE only; each check is skipped where the environment gives no database or Redis URL.
 */
@YwMessagingCheck
@DisplayName("YWMessaging: database and cache")
class YwInfraChecks {

    private final InfraVerification infra;

    YwInfraChecks(InfraVerification infra) {
        this.infra = infra;
    }

    @InfraCheck
    @Verifies({"YW-10.2", "YW-5.3"})
    @DisplayName("Database connection successful (read-only PostgreSQL session, server version)")
    void databaseConnection() throws SQLException {
        infra.databaseConnects();
    }

    @InfraCheck
    @VerifiesContract(
            value = "the deployment of the system brief ywmessaging.md (PostgreSQL through Prisma): the release's migrations are applied (_prisma_migrations: "
                    + "none failed or unfinished, the expected latest one applied)",
            uncoveredBecause = "the checklist asks only that migrations were tested in staging before the deploy (YW-5.2, manual); "
                    + "no item asks that they were applied to production")
    @DisplayName("Database migrations applied (_prisma_migrations: none failed or unfinished, the release's latest applied)")
    void migrationsApplied() throws SQLException {
        infra.prismaMigrationsApplied();
    }

    @InfraCheck
    @Verifies({"YW-14.1", "YW-31.5"})
    @DisplayName("Connection Pool Usage < 60% (pg_stat_activity connections vs max_connections and the database's limit)")
    void connectionPool() throws SQLException {
        infra.connectionPoolBelowThreshold();
    }

    @InfraCheck
    @Verifies("YW-31.7")
    @DisplayName("Database health normal: cache hit ratio > 70% (pg_statio_user_tables heap blocks)")
    void heapCacheHitRatio() throws SQLException {
        infra.heapCacheHitRatioAboveThreshold();
    }

    @InfraCheck
    @Verifies({"YW-14.4", "YW-31.6"})
    @DisplayName("Slow Query Count: 0 (pg_stat_statements: no statement slower than 500 ms on average)")
    void slowQueries() throws SQLException {
        infra.slowStatementsWithinThreshold();
    }

    @InfraCheck
    @Verifies("YW-14.3")
    @DisplayName("Replication Lag < 1000ms if using replicas (replay lag on the replica)")
    void replicationLag() throws SQLException {
        infra.replicationLagBelowThreshold();
    }

    @InfraCheck
    @Verifies({"YW-10.3", "YW-31.8"})
    @DisplayName("Redis connection successful (PING answers PONG within 100 ms)")
    void redisPing() throws IOException {
        infra.redisPingFast();
    }

    @InfraCheck
    @Verifies("YW-31.9")
    @DisplayName("Memory Usage < 80% (Redis INFO memory: used_memory of maxmemory)")
    void redisMemory() throws IOException {
        infra.redisMemoryBelowThreshold();
    }

    @InfraCheck
    @Verifies("YW-31.10")
    @DisplayName("Key count (Redis DBSIZE: the cache and queues are not empty)")
    void redisKeyCount() throws IOException {
        infra.redisKeyCount();
    }

    @InfraCheck
    @Verifies("YW-13.4")
    @DisplayName("Cache Hit Rate > 70% for Redis (INFO stats keyspace hits vs misses)")
    void redisHitRate() throws IOException {
        infra.redisHitRateAboveThreshold();
    }
}
