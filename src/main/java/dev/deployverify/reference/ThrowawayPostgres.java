package dev.deployverify.reference;

import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A PostgreSQL database made for one test or one reference run and dropped on close, with a read-only role: on a
 * Testcontainers PostgreSQL (pg_stat_statements preloaded) where a Docker engine exists, else on the machine's
 * PostgreSQL at 127.0.0.1:5432 (trust auth, superuser {@code postgres}), the way CI runs.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    /** The machine's PostgreSQL, as .ci/run starts it. */
    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String LOCAL_ADMIN_USER = "postgres";

    private static Server server;

    private final Server on;
    private final String database;
    private final String role;
    private final String password;

    private ThrowawayPostgres(Server on, String database, String role, String password) {
        this.on = on;
        this.database = database;
        this.role = role;
        this.password = password;
    }

    /** The server databases are made on, or why there is none (no Docker engine and no local PostgreSQL). */
    record Server(String baseUrl, String adminUser, String adminPassword, String unavailableReason) {

        Connection admin(String database) throws SQLException {
            return DriverManager.getConnection(baseUrl + database + "?connectTimeout=3&socketTimeout=60", adminUser, adminPassword);
        }
    }

    /** Why no throwaway database can be made here, or empty when one can. */
    public static synchronized Optional<String> unavailableReason() {
        return Optional.ofNullable(server().unavailableReason());
    }

    /** Creates a database named {@code dv_<label>_<random>} and a role that may only read it. */
    public static ThrowawayPostgres create(String label) throws SQLException {
        Server on = server();
        if (on.unavailableReason() != null) {
            throw new IllegalStateException(on.unavailableReason());
        }
        String suffix = HexFormat.of().formatHex(Requests.randomBytes(4));
        String database = "dv_" + label + "_" + suffix;
        String role = "dv_ro_" + suffix;
        String password = HexFormat.of().formatHex(Requests.randomBytes(16));
        try (Connection admin = on.admin("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
            // The checks' user: may connect and read, sees every session's statistics, and its sessions start read-only.
            sql.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "' IN ROLE pg_read_all_stats");
            sql.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            sql.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role);
        }
        ThrowawayPostgres created = new ThrowawayPostgres(on, database, role, password);
        try (Connection admin = created.admin(); Statement sql = admin.createStatement()) {
            sql.execute("GRANT USAGE ON SCHEMA public TO " + role);
            sql.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + role);
        }
        return created;
    }

    public String database() {
        return database;
    }

    /** The JDBC URL the checks get: the read-only role, password as a parameter. */
    public String readOnlyUrl() {
        return readOnlyUrl(database);
    }

    /** The same credentials on another database name (e.g. one that does not exist). */
    public String readOnlyUrl(String databaseName) {
        return on.baseUrl() + databaseName + "?user=" + role + "&password=" + password;
    }

    /** A superuser connection to this database, for setting it up (never given to a check). */
    public Connection admin() throws SQLException {
        return on.admin(database);
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = on.admin("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            sql.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = findServer();
        }
        return server;
    }

    private static Server findServer() {
        if (DockerEngine.available()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine")
                    .withCommand("postgres", "-c", "shared_preload_libraries=pg_stat_statements");
            container.start(); // stopped by Testcontainers' reaper when the JVM ends
            String base = container.getJdbcUrl().replaceAll("/[^/]*$", "/");
            return new Server(base, container.getUsername(), container.getPassword(), null);
        }
        Server local = new Server(LOCAL_SERVER, LOCAL_ADMIN_USER, null, null);
        try (Connection ignored = local.admin("postgres")) {
            return local;
        } catch (SQLException e) {
            return new Server(LOCAL_SERVER, LOCAL_ADMIN_USER, null, "no Docker engine for Testcontainers and no PostgreSQL"
                    + " at 127.0.0.1:5432 (" + e.getMessage() + "); start it with: pg_ctlcluster --skip-systemctl-redirect"
                    + " $(ls /etc/postgresql) main start");
        }
    }
}
