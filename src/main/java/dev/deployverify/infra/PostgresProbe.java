package dev.deployverify.infra;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * A read-only PostgreSQL session for the checklists' database commands. The session is opened read-only
 * ({@code readOnlyMode=always}: every statement runs in a read-only transaction, so even a user that could write
 * cannot through this probe) with connect, socket and statement timeouts, and it only ever runs the fixed
 * {@code SELECT}/{@code SHOW} statements below.
 */
public final class PostgresProbe implements AutoCloseable {

    /** SQLSTATE undefined_table: the migration table is not there. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection connection;

    private PostgresProbe(Connection connection) {
        this.connection = connection;
    }

    /**
     * Connects to a {@code jdbc:postgresql://} URL (user and password as URL parameters or {@code user}/{@code
     * password} properties of the URL).
     */
    public static PostgresProbe connect(String jdbcUrl, Duration connectTimeout, Duration queryTimeout) throws SQLException {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("expected a jdbc:postgresql:// URL, got '" + describe(jdbcUrl) + "'");
        }
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", seconds(connectTimeout));
        properties.setProperty("loginTimeout", seconds(connectTimeout));
        // A little longer than the statement timeout, so the server's own cancellation is what the check reports.
        properties.setProperty("socketTimeout", seconds(queryTimeout.plusSeconds(2)));
        properties.setProperty("readOnly", "true");
        properties.setProperty("readOnlyMode", "always");
        properties.setProperty("ApplicationName", "deploy-verify");
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = " + queryTimeout.toMillis());
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new PostgresProbe(connection);
    }

    /** The URL without its parameters (user, password...), to name the database in a message. */
    public static String describe(String jdbcUrl) {
        return jdbcUrl == null ? "none" : jdbcUrl.replaceAll("[?].*", "");
    }

    /** The {@code password} parameter of a JDBC URL, to register with the redactor before anything is reported. */
    public static Optional<String> passwordOf(String jdbcUrl) {
        int query = jdbcUrl == null ? -1 : jdbcUrl.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
            if (parameter.startsWith("password=")) {
                return Optional.of(URLDecoder.decode(parameter.substring("password=".length()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }

    /** What the session is connected to. */
    public record ServerInfo(String version, int versionNumber, String database, String user, boolean readOnly) {
    }

    public ServerInfo server() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " current_setting('server_version_num')::int, current_database(), current_user,"
                     + " current_setting('transaction_read_only')")) {
            row.next();
            return new ServerInfo(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                    "on".equals(row.getString(5)));
        }
    }

    /**
     * Client connections in use, on the server (against {@code max_connections}) and to this database (against its
     * {@code CONNECTION LIMIT}, -1 when it has none). The probe's own connection is not counted, as in the
     * checklist's {@code pid <> pg_backend_pid()}.
     */
    public record ConnectionUsage(long serverInUse, long maxConnections, long databaseInUse, long databaseLimit) {

        public double serverPercent() {
            return 100.0 * serverInUse / maxConnections;
        }

        public boolean databaseHasLimit() {
            return databaseLimit > 0;
        }

        public double databasePercent() {
            return databaseHasLimit() ? 100.0 * databaseInUse / databaseLimit : 0;
        }
    }

    public ConnectionUsage connectionUsage() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT"
                     + " count(*) FILTER (WHERE a.backend_type = 'client backend'),"
                     + " current_setting('max_connections')::bigint,"
                     + " count(*) FILTER (WHERE a.backend_type = 'client backend' AND a.datname = current_database()),"
                     + " (SELECT datconnlimit FROM pg_database WHERE datname = current_database())"
                     + " FROM pg_stat_activity a WHERE a.pid <> pg_backend_pid()")) {
            row.next();
            return new ConnectionUsage(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
        }
    }

    /** Heap block hits and reads of this database's tables (the checklist's {@code pg_statio_user_tables} query). */
    public record HeapBlocks(long hits, long reads) {

        /** Hits / (hits + reads); empty before any table block was touched. */
        public OptionalDouble hitRatio() {
            long total = hits + reads;
            return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) hits / total);
        }
    }

    public HeapBlocks heapBlocks() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(sum(heap_blks_hit), 0)::bigint,"
                     + " coalesce(sum(heap_blks_read), 0)::bigint FROM pg_statio_user_tables")) {
            row.next();
            return new HeapBlocks(row.getLong(1), row.getLong(2));
        }
    }

    /** One normalized statement of {@code pg_stat_statements} (constants are already replaced by {@code $n}). */
    public record StatementStats(String query, long calls, double meanMillis) {
    }

    /** The statements, or why they cannot be read here (extension absent, or not preloaded). */
    public record SlowStatements(List<StatementStats> statements, String unavailableReason) {

        public boolean available() {
            return unavailableReason == null;
        }
    }

    /**
     * This database's statements whose mean execution time is above {@code thresholdMillis}, slowest first (at most
     * {@code limit}): the checklist's {@code pg_stat_statements ORDER BY mean_exec_time DESC}.
     */
    public SlowStatements slowStatements(double thresholdMillis, int limit) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            if (!row.next()) {
                return new SlowStatements(List.of(), "pg_stat_statements is not installed in database "
                        + connection.getCatalog() + " (CREATE EXTENSION pg_stat_statements, with the library in"
                        + " shared_preload_libraries)");
            }
        }
        String sql = "SELECT left(query, 300), calls, mean_exec_time FROM pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND mean_exec_time > ? ORDER BY mean_exec_time DESC LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, thresholdMillis);
            statement.setInt(2, limit);
            List<StatementStats> slow = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    slow.add(new StatementStats(rows.getString(1), rows.getLong(2), rows.getDouble(3)));
                }
            }
            return new SlowStatements(slow, null);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("shared_preload_libraries")) {
                return new SlowStatements(List.of(), "pg_stat_statements is installed in database "
                        + connection.getCatalog() + " but not loaded (add it to shared_preload_libraries and restart)");
            }
            throw e;
        }
    }

    /** One row of Prisma's {@code _prisma_migrations}. */
    public record PrismaMigration(String name, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                                  OffsetDateTime rolledBackAt, String logs) {

        /** Started and neither finished nor rolled back: Prisma's failed (or still running) migration. */
        public boolean failedOrUnfinished() {
            return finishedAt == null && rolledBackAt == null;
        }

        public boolean applied() {
            return finishedAt != null && rolledBackAt == null;
        }
    }

    /** Every row of {@code _prisma_migrations} in start order; empty when the table does not exist. */
    public Optional<List<PrismaMigration>> prismaMigrations() throws SQLException {
        String sql = "SELECT migration_name, started_at, finished_at, rolled_back_at, logs FROM _prisma_migrations"
                + " ORDER BY started_at, migration_name";
        return readMigrationTable(sql, rows -> new PrismaMigration(rows.getString(1),
                rows.getObject(2, OffsetDateTime.class), rows.getObject(3, OffsetDateTime.class),
                rows.getObject(4, OffsetDateTime.class), rows.getString(5)));
    }

    /** Alembic's current head revision(s) from {@code alembic_version}; empty when the table does not exist. */
    public Optional<List<String>> alembicHeads() throws SQLException {
        return readMigrationTable("SELECT version_num FROM alembic_version ORDER BY version_num", rows -> rows.getString(1));
    }

    /** Django's applied migrations as {@code app.name} from {@code django_migrations}; empty when the table does not exist. */
    public Optional<List<String>> djangoMigrations() throws SQLException {
        return readMigrationTable("SELECT app || '.' || name FROM django_migrations ORDER BY applied, id",
                rows -> rows.getString(1));
    }

    /** Whether this session is on a replica, and how far its replay is behind. */
    public record ReplicaStatus(boolean inRecovery, Double lagMillis) {
    }

    /**
     * Replay lag as seen on a replica: zero when everything received has been replayed, else the age of the last
     * replayed transaction. {@code lagMillis} is null on a primary or a replica that has replayed nothing yet.
     */
    public ReplicaStatus replicaStatus() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery(), CASE"
                     + " WHEN NOT pg_is_in_recovery() THEN NULL"
                     + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                     + " ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 END")) {
            row.next();
            boolean inRecovery = row.getBoolean(1);
            double lag = row.getDouble(2);
            return new ReplicaStatus(inRecovery, row.wasNull() ? null : lag);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> Optional<List<T>> readMigrationTable(String sql, RowReader<T> reader) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(reader.read(rows));
            }
            return Optional.of(result);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
