package dev.deployverify.systems.muejam.reference;

import dev.deployverify.reference.Faults;
import dev.deployverify.systems.muejam.MuejamFault;
import dev.deployverify.reference.ThrowawayPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MueJam Library's PostgreSQL as its brief describes it: a database migrated by Django ({@code django_migrations}
 * and the tables the apps made), shared by the blue and the green stack as a blue-green deployment shares it. A real
 * server (see {@link ThrowawayPostgres}), made for this run and dropped on close. Where neither Docker nor the
 * machine's PostgreSQL is there, the URLs are published empty and the infra checks are skipped with that reason.
 */
public final class MuejamInfraReference implements AutoCloseable {

    /** The release's migrations as {@code app.name}, oldest first: the last is the one local.yaml expects applied. */
    static final List<String> MIGRATIONS = List.of("contenttypes.0001_initial", "auth.0001_initial",
            "users.0001_initial", "stories.0001_initial", "stories.0002_chapter", "whispers.0001_initial",
            "moderation.0001_initial", "stories.0003_story_cursor_index");

    /** Held connections for db-connections-exhausted: 9 of a limit of 10 is 90%, over the 80% budget. */
    private static final int CONNECTION_LIMIT = 10;
    private static final int HELD_CONNECTIONS = 9;

    private final Faults<MuejamFault> faults;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();

    public MuejamInfraReference(Faults<MuejamFault> faults) {
        this.faults = faults;
        try {
            startPostgres();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not set up MueJam's database: " + e.getMessage(), e);
        }
    }


    /** ${reference.muejam.databaseUrl}, ...replicaDatabaseUrl, ...latestMigration (the URLs empty when unavailable). */
    public Map<String, String> variables() {
        return variables;
    }

    private void startPostgres() throws SQLException {
        variables.put("reference.muejam.latestMigration", MIGRATIONS.get(MIGRATIONS.size() - 1));
        variables.put("reference.muejam.databaseUrl", "");
        variables.put("reference.muejam.replicaDatabaseUrl", "");
        String unavailable = ThrowawayPostgres.unavailableReason().orElse(null);
        if (unavailable != null) {
            System.err.println("[reference] MueJam infra checks will skip PostgreSQL: " + unavailable);
            return;
        }
        ThrowawayPostgres db = ThrowawayPostgres.create("muejam");
        resources.add(db);
        try (Connection admin = db.admin(); Statement sql = admin.createStatement()) {
            migrate(admin, sql);
            if (faults.has(MuejamFault.DB_CONNECTIONS_EXHAUSTED)) {
                sql.execute("ALTER DATABASE " + db.database() + " CONNECTION LIMIT " + CONNECTION_LIMIT);
                for (int i = 0; i < HELD_CONNECTIONS; i++) {
                    resources.add(0, db.admin()); // closed before the database is dropped
                }
            }
        }
        variables.put("reference.muejam.databaseUrl",
                faults.has(MuejamFault.DB_UNREACHABLE) ? db.readOnlyUrl(db.database() + "_missing") : db.readOnlyUrl());
        if (faults.has(MuejamFault.REPLICA_IS_PRIMARY)) {
            variables.put("reference.muejam.replicaDatabaseUrl", db.readOnlyUrl());
        }
    }

    /** What {@code manage.py migrate} leaves: its table, one row per migration, and the tables they made. */
    private void migrate(Connection admin, Statement sql) throws SQLException {
        sql.execute("CREATE TABLE django_migrations (id BIGSERIAL PRIMARY KEY, app VARCHAR(255) NOT NULL,"
                + " name VARCHAR(255) NOT NULL, applied TIMESTAMPTZ NOT NULL)");
        sql.execute("CREATE TABLE stories_story (id UUID PRIMARY KEY, slug VARCHAR(200) UNIQUE NOT NULL,"
                + " title VARCHAR(200) NOT NULL, published_at TIMESTAMPTZ)");
        sql.execute("CREATE TABLE stories_chapter (id UUID PRIMARY KEY, story_id UUID NOT NULL REFERENCES stories_story,"
                + " chapter_number INTEGER NOT NULL, content TEXT NOT NULL)");
        sql.execute("INSERT INTO stories_story SELECT gen_random_uuid(), 'story-' || g, 'Story ' || g, now() - g * interval '1 hour'"
                + " FROM generate_series(1, 50) g");
        List<String> applied = faults.has(MuejamFault.MIGRATION_PENDING) ? MIGRATIONS.subList(0, MIGRATIONS.size() - 1) : MIGRATIONS;
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        try (PreparedStatement row = admin.prepareStatement("INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, ?)")) {
            for (String migration : applied) {
                at = at.plusSeconds(3);
                row.setString(1, migration.substring(0, migration.indexOf('.')));
                row.setString(2, migration.substring(migration.indexOf('.') + 1));
                row.setObject(3, at);
                row.addBatch();
            }
            row.executeBatch();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // Dropping one part must not keep the others.
            }
        }
        resources.clear();
    }
}
