package dev.deployverify.reference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The {@code _prisma_migrations} table as {@code prisma migrate deploy} leaves it, for the stand-ins of systems
 * migrated by Prisma: one finished row per applied migration, and optionally a failed one (started, never finished,
 * with the error in its logs), which blocks every later deploy.
 */
public final class PrismaMigrationTable {

    private PrismaMigrationTable() {
    }

    /**
     * Creates the table with the given migrations applied, oldest first, a minute apart from a day ago, and, when
     * {@code failed} is not null, that migration failed after them with {@code failedLogs}.
     */
    public static void create(Connection admin, List<String> applied, String failed, String failedLogs) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            sql.execute("CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,"
                    + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
                    + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)");
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        try (PreparedStatement row = admin.prepareStatement("INSERT INTO _prisma_migrations (id, checksum, finished_at,"
                + " migration_name, logs, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (String name : applied) {
                at = at.plusMinutes(1);
                add(row, name, at, at.plusSeconds(2), null, 1);
            }
            if (failed != null) {
                add(row, failed, at.plusMinutes(1), null, failedLogs, 0);
            }
            row.executeBatch();
        }
    }

    private static void add(PreparedStatement row, String name, OffsetDateTime started, OffsetDateTime finished,
                            String logs, int steps) throws SQLException {
        row.setString(1, UUID.randomUUID().toString());
        row.setString(2, sha256(name));
        row.setObject(3, finished);
        row.setString(4, name);
        row.setString(5, logs);
        row.setObject(6, started);
        row.setInt(7, steps);
        row.addBatch();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
