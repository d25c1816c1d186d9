package dev.deployverify.systems.muejam.checks;

import dev.deployverify.infra.InfraVerification;
import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import org.junit.jupiter.api.DisplayName;

import java.sql.SQLException;

/**
 * Step 5 "Verify database migrations" and the "Database Metrics" to monitor after the deploy, read straight from
 * MueJam's PostgreSQL (Django's {@code django_migrations}, pg_stat_activity, pg_stat_statements, a replica's replay
 * lag). Read-only: a read-only session and user, fixed SELECTs only; each check is skipped where the environment gives
 * no database URL. The cache (Valkey) is judged by the health check's own detail (MUE-13.1).
 */
@MuejamCheck
@DisplayName("MueJam Library: database")
class MuejamInfraChecks {

    private final InfraVerification infra;

    MuejamInfraChecks(InfraVerification infra) {
        this.infra = infra;
    }

    @InfraCheck
    @VerifiesContract(
            value = "the deployment of the system brief muejam-library.md (PostgreSQL): the database accepts the environment's read-only session, "
                    + "the one the migration, query, pool and replication checks (MUE-13.3, MUE-20.1 to MUE-20.3) read through, "
                    + "so that an unreachable database is told apart from a failed reading",
            uncoveredBecause = "no item asks for a connection to the database from outside: whether the service reaches it is part of its health (MUE-13.1, "
                    + "its own checks), and the production database's set-up (MUE-25.2) is confirmed by a person")
    @DisplayName("Database connection (read-only PostgreSQL session, server version)")
    void databaseConnection() throws SQLException {
        infra.databaseConnects();
    }

    @InfraCheck
    @Verifies("MUE-13.3")
    @DisplayName("Verify database migrations (django_migrations holds the release's latest migration)")
    void migrationsApplied() throws SQLException {
        infra.djangoMigrationApplied();
    }

    @InfraCheck
    @Verifies("MUE-20.1")
    @DisplayName("Query Performance: No queries > 100ms (pg_stat_statements mean execution time)")
    void slowQueries() throws SQLException {
        infra.slowStatementsWithinThreshold();
    }

    @InfraCheck
    @Verifies("MUE-20.2")
    @DisplayName("Connection Pool: Utilization < 80% (pg_stat_activity connections vs max_connections and the database's limit)")
    void connectionPool() throws SQLException {
        infra.connectionPoolBelowThreshold();
    }

    @InfraCheck
    @Verifies("MUE-20.3")
    @DisplayName("Replication Lag: < 5 seconds (replay lag on the replica)")
    void replicationLag() throws SQLException {
        infra.replicationLagBelowThreshold();
    }
}
