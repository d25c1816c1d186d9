package dev.deployverify.checks.dawg;

import dev.deployverify.infra.InfraVerification;
import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
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

    DawgInfraChecks(SystemUnderTest sut) {
        this.infra = new InfraVerification(sut);
    }

    @InfraCheck
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
