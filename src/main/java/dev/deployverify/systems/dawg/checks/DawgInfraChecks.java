package dev.deployverify.systems.dawg.checks;

import dev.deployverify.infra.InfraVerification;
import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import org.junit.jupiter.api.DisplayName;

import java.sql.SQLException;

/**
 * "4. Database Migration (T-0)", read straight from DAWG AI's PostgreSQL (Prisma's {@code _prisma_migrations})
 * instead of the deploy host's migration logs. Read-only: a read-only session and user, fixed SELECTs only; skipped
 * where the environment gives no database URL. Redis and S3 are judged by the service's own health endpoints
 * (DAWG-14.4, DAWG-14.5).
 */
@DawgCheck
@DisplayName("DAWG AI: database")
class DawgInfraChecks {

    private final InfraVerification infra;

    DawgInfraChecks(InfraVerification infra) {
        this.infra = infra;
    }

    @InfraCheck
    @VerifiesContract(
            value = "the deployment of the system brief dawg-ai.md (PostgreSQL through Prisma): the database accepts the environment's read-only session, "
                    + "the one the migration check (DAWG-11.1, DAWG-11.2) reads through, so that an unreachable database is told apart from failed migrations",
            uncoveredBecause = "'Database connected' (DAWG-14.3) asks whether the service is connected, which GET /api/health/db answers in its own check; "
                    + "the other database items (DAWG-3.3, DAWG-6.1) are preparation a person confirms a week before the deploy")
    @DisplayName("Database connection (read-only PostgreSQL session, server version)")
    void databaseConnection() throws SQLException {
        infra.databaseConnects();
    }

    @InfraCheck
    @Verifies({"DAWG-11.1", "DAWG-11.2"})
    @DisplayName("Migrations applied successfully, no errors in migration logs (_prisma_migrations: none failed or unfinished, the release's latest applied)")
    void migrationsApplied() throws SQLException {
        infra.prismaMigrationsApplied();
    }
}
