package dev.deployverify.systems.dawg.reference;

import dev.deployverify.reference.Faults;
import dev.deployverify.systems.dawg.DawgFault;
import dev.deployverify.reference.PrismaMigrationTable;
import dev.deployverify.reference.ThrowawayPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DAWG AI's PostgreSQL as its brief describes it: a database migrated by Prisma (a real {@code _prisma_migrations}
 * and the tables it made). A real server (see {@link ThrowawayPostgres}), made for this run and dropped on close.
 * Where neither Docker nor the machine's PostgreSQL is there, the URL is published empty and the database checks are
 * skipped with that reason.
 */
public final class DawgInfraReference implements AutoCloseable {

    /** The release's migrations, oldest first: the last is the one local.yaml expects applied. */
    static final List<String> MIGRATIONS = List.of("20240801120000_init", "20240915093000_add_conversations",
            "20241010160000_add_generation_jobs", "20241105110000_add_audio_files");

    private final Map<String, String> variables = new LinkedHashMap<>();
    private ThrowawayPostgres database;

    public DawgInfraReference(Faults<DawgFault> faults) {
        try {
            start(faults);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("could not set up DAWG AI's database: " + e.getMessage(), e);
        }
    }


    /** ${reference.dawg.databaseUrl} (empty when unavailable) and ${reference.dawg.latestMigration}. */
    public Map<String, String> variables() {
        return variables;
    }

    private void start(Faults<DawgFault> faults) throws SQLException {
        variables.put("reference.dawg.latestMigration", MIGRATIONS.get(MIGRATIONS.size() - 1));
        variables.put("reference.dawg.databaseUrl", "");
        String unavailable = ThrowawayPostgres.unavailableReason().orElse(null);
        if (unavailable != null) {
            System.err.println("[reference] DAWG AI database checks will skip: " + unavailable);
            return;
        }
        database = ThrowawayPostgres.create("dawg");
        try (Connection admin = database.admin(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE TABLE \"Conversation\" (id TEXT PRIMARY KEY, \"userId\" TEXT NOT NULL, title TEXT,"
                    + " \"createdAt\" TIMESTAMPTZ NOT NULL DEFAULT now())");
            sql.execute("CREATE TABLE \"GenerationJob\" (id TEXT PRIMARY KEY, status TEXT NOT NULL, bpm INTEGER,"
                    + " \"createdAt\" TIMESTAMPTZ NOT NULL DEFAULT now())");
            List<String> applied = faults.has(DawgFault.MIGRATION_PENDING) ? MIGRATIONS.subList(0, MIGRATIONS.size() - 1) : MIGRATIONS;
            boolean failed = faults.has(DawgFault.MIGRATION_FAILED);
            PrismaMigrationTable.create(admin, applied, failed ? "20241201090000_add_stem_separation" : null,
                    failed ? "Database error code: 42P07\nDatabase error:\nERROR: relation \"Stem\" already exists" : null);
        }
        variables.put("reference.dawg.databaseUrl", faults.has(DawgFault.DB_UNREACHABLE)
                ? database.readOnlyUrl(database.database() + "_missing") : database.readOnlyUrl());
    }

    @Override
    public void close() {
        if (database != null) {
            try {
                database.close();
            } catch (SQLException e) {
                // The run is over either way: a failed drop must not hide the checks' outcome.
            }
        }
    }
}
