package dev.deployverify.selftest.infra;

import dev.deployverify.infra.PostgresProbe;
import dev.deployverify.reference.ThrowawayPostgres;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-only PostgreSQL probe against a real server, on a database each test makes and drops. */
class PostgresProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ThrowawayPostgres db;

    @BeforeEach
    void createDatabase() throws SQLException {
        RealServers.requirePostgres();
        db = ThrowawayPostgres.create("probe");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private PostgresProbe probe() throws SQLException {
        return PostgresProbe.connect(db.readOnlyUrl(), TIMEOUT, TIMEOUT);
    }

    private void admin(String... statements) throws SQLException {
        try (Connection admin = db.admin(); Statement sql = admin.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    @Test
    void sessionIsReadOnlyEvenForAUserThatCouldWrite() throws SQLException {
        // The fixture's superuser could write; through the probe it cannot.
        try (Connection admin = db.admin()) {
            String superuserUrl = admin.getMetaData().getURL() + (admin.getMetaData().getURL().contains("?") ? "&" : "?")
                    + "user=" + admin.getMetaData().getUserName();
            try (PostgresProbe probe = PostgresProbe.connect(superuserUrl, TIMEOUT, TIMEOUT)) {
                PostgresProbe.ServerInfo server = probe.server();
                assertThat(server.readOnly()).isTrue();
                assertThat(server.database()).isEqualTo(db.database());
                assertThat(server.versionNumber()).isGreaterThanOrEqualTo(100000);
            }
        }
    }

    @Test
    void rejectsAUrlThatIsNotPostgres() {
        assertThatThrownBy(() -> PostgresProbe.connect("mysql://h/db?password=secret", TIMEOUT, TIMEOUT))
                .hasMessageContaining("expected a jdbc:postgresql:// URL").hasMessageNotContaining("secret");
    }

    @Test
    void missingDatabaseIsAConnectionError() {
        assertThatThrownBy(() -> PostgresProbe.connect(db.readOnlyUrl(db.database() + "_missing"), TIMEOUT, TIMEOUT))
                .isInstanceOf(SQLException.class).hasMessageContaining("does not exist");
    }

    @Test
    void describesAndFindsThePasswordOfAJdbcUrl() {
        String url = "jdbc:postgresql://db:5432/app?user=ro&password=p%40ss&ssl=true";
        assertThat(PostgresProbe.describe(url)).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(PostgresProbe.passwordOf(url)).contains("p@ss");
        assertThat(PostgresProbe.passwordOf("jdbc:postgresql://db/app")).isEmpty();
    }

    @Test
    void prismaMigrationsFailedAndAppliedRows() throws SQLException {
        try (PostgresProbe probe = probe()) {
            assertThat(probe.prismaMigrations()).as("no table yet").isEmpty();
        }
        admin("CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,"
                        + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
                        + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)",
                "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) VALUES"
                        + " ('1', 'c', now(), '20240101_init', now() - interval '3 min'),"
                        + " ('2', 'c', NULL, '20240202_broken', now() - interval '2 min'),"
                        + " ('3', 'c', NULL, '20240303_rolled_back', now() - interval '1 min')",
                "UPDATE _prisma_migrations SET rolled_back_at = now(), logs = 'error' WHERE id = '3'");
        try (PostgresProbe probe = probe()) {
            List<PostgresProbe.PrismaMigration> rows = probe.prismaMigrations().orElseThrow();
            assertThat(rows).extracting(PostgresProbe.PrismaMigration::name)
                    .containsExactly("20240101_init", "20240202_broken", "20240303_rolled_back");
            assertThat(rows).filteredOn(PostgresProbe.PrismaMigration::failedOrUnfinished)
                    .extracting(PostgresProbe.PrismaMigration::name).containsExactly("20240202_broken");
            assertThat(rows).filteredOn(PostgresProbe.PrismaMigration::applied)
                    .extracting(PostgresProbe.PrismaMigration::name).containsExactly("20240101_init");
        }
    }

    @Test
    void alembicHeadAndDjangoMigrations() throws SQLException {
        try (PostgresProbe probe = probe()) {
            assertThat(probe.alembicHeads()).isEmpty();
            assertThat(probe.djangoMigrations()).isEmpty();
        }
        admin("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('4f2a9c1d7e01')",
                "CREATE TABLE django_migrations (id BIGSERIAL PRIMARY KEY, app VARCHAR(255) NOT NULL,"
                        + " name VARCHAR(255) NOT NULL, applied TIMESTAMPTZ NOT NULL)",
                "INSERT INTO django_migrations (app, name, applied) VALUES ('contenttypes', '0001_initial', now() - interval '1 day'),"
                        + " ('library', '0042_story_search_index', now())");
        try (PostgresProbe probe = probe()) {
            assertThat(probe.alembicHeads()).contains(List.of("4f2a9c1d7e01"));
            assertThat(probe.djangoMigrations()).contains(List.of("contenttypes.0001_initial", "library.0042_story_search_index"));
        }
    }

    @Test
    void connectionUsageCountsOtherSessionsAndTheDatabaseLimit() throws SQLException {
        admin("ALTER DATABASE " + db.database() + " CONNECTION LIMIT 10");
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(db.admin());
            }
            try (PostgresProbe probe = probe()) {
                PostgresProbe.ConnectionUsage usage = probe.connectionUsage();
                assertThat(usage.databaseInUse()).as("held connections, the probe's own not counted").isEqualTo(3);
                assertThat(usage.databaseLimit()).isEqualTo(10);
                assertThat(usage.databasePercent()).isEqualTo(30.0);
                assertThat(usage.serverInUse()).isGreaterThanOrEqualTo(3);
                assertThat(usage.maxConnections()).isPositive();
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void heapBlocksOfAnUntouchedDatabaseHaveNoRatio() throws SQLException {
        try (PostgresProbe probe = probe()) {
            PostgresProbe.HeapBlocks blocks = probe.heapBlocks();
            assertThat(blocks.hits() + blocks.reads()).isZero();
            assertThat(blocks.hitRatio()).isEmpty();
        }
        assertThat(new PostgresProbe.HeapBlocks(90, 10).hitRatio()).hasValue(0.9);
    }

    @Test
    void slowStatementsNeedTheExtensionAndSayWhyNot() throws SQLException {
        try (PostgresProbe probe = probe()) {
            PostgresProbe.SlowStatements slow = probe.slowStatements(500, 10);
            assertThat(slow.available()).isFalse();
            assertThat(slow.unavailableReason()).contains("pg_stat_statements is not installed in database " + db.database());
        }
        admin("CREATE EXTENSION pg_stat_statements");
        boolean preloaded;
        try (Connection admin = db.admin(); Statement sql = admin.createStatement();
             var row = sql.executeQuery("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'")) {
            row.next();
            preloaded = row.getBoolean(1);
        }
        if (!preloaded) {
            // The machine's PostgreSQL: the extension can be created but not read without a restart.
            try (PostgresProbe probe = probe()) {
                assertThat(probe.slowStatements(500, 10).unavailableReason()).contains("not loaded").contains("shared_preload_libraries");
            }
            return;
        }
        admin("SELECT pg_sleep(0.6)");
        try (PostgresProbe probe = probe()) {
            PostgresProbe.SlowStatements slow = probe.slowStatements(500, 10);
            assertThat(slow.available()).isTrue();
            assertThat(slow.statements()).anySatisfy(s -> {
                assertThat(s.query()).contains("pg_sleep");
                assertThat(s.meanMillis()).isGreaterThan(500);
            });
        }
    }

    @Test
    void aPrimaryIsNotInRecoveryAndHasNoReplayLag() throws SQLException {
        try (PostgresProbe probe = probe()) {
            PostgresProbe.ReplicaStatus status = probe.replicaStatus();
            assertThat(status.inRecovery()).isFalse();
            assertThat(status.lagMillis()).isNull();
        }
    }

    @Test
    void theChecksUserCannotWrite() throws SQLException {
        try (Connection readOnly = DriverManager.getConnection(db.readOnlyUrl()); Statement sql = readOnly.createStatement()) {
            assertThatThrownBy(() -> sql.execute("CREATE TABLE t (id int)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("read-only transaction");
        }
    }
}
