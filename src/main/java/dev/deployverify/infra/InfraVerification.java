package dev.deployverify.infra;

import dev.deployverify.run.SystemUnderTest;
import io.qameta.allure.Allure;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies of the infra checks, shared by every system: each system's {@code *InfraChecks} class gives them the
 * checklist's wording and tags, and its {@code systems/<system>.yaml} the numbers (thresholds
 * {@code dbConnectionPoolPercent}, {@code dbCacheHitPercent}, {@code slowQueryMs}, {@code slowQueryCount},
 * {@code replicationLagMs}, {@code redisPingMs}, {@code redisPingSamples}, {@code redisMemoryPercent},
 * {@code redisHitRatePercent}, {@code redisMinKeys}) and the credentials {@code databaseUrl},
 * {@code replicaDatabaseUrl}, {@code redisUrl}. A check whose credential the environment does not give is skipped
 * with that reason. Everything here only reads: {@link PostgresProbe} runs fixed SELECTs in a read-only session,
 * {@link RedisProbe} sends PING, INFO and DBSIZE.
 */
public final class InfraVerification {

    /** Slowest statements listed in a failure, enough to start with. */
    private static final int SLOW_STATEMENTS_SHOWN = 10;

    private final SystemUnderTest sut;

    public InfraVerification(SystemUnderTest sut) {
        this.sut = sut;
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------------------------

    /** Connects read-only and reads the server version; the session must be read-only. */
    public void databaseConnects() throws SQLException {
        try (PostgresProbe db = database("databaseUrl")) {
            PostgresProbe.ServerInfo server = db.server();
            Allure.step("Connected to " + server.database() + " as " + server.user() + ": PostgreSQL " + server.version());
            assertThat(server.readOnly()).as("session of %s on %s is read-only (transaction_read_only)",
                    server.user(), server.database()).isTrue();
            assertThat(server.versionNumber()).as("server_version_num of %s", server.database()).isPositive();
        }
    }

    /**
     * Prisma: {@code _prisma_migrations} exists, has no failed or unfinished row, and (when the setting
     * {@code expectedMigration} is given) has that migration applied.
     */
    public void prismaMigrationsApplied() throws SQLException {
        try (PostgresProbe db = database("databaseUrl")) {
            List<PostgresProbe.PrismaMigration> rows = db.prismaMigrations().orElse(null);
            assertThat(rows).as("table _prisma_migrations in database %s (expected: Prisma's migration table;"
                    + " missing means migrations never ran there or the URL names another database)", db.server().database())
                    .isNotNull();
            Allure.step(rows.size() + " rows in _prisma_migrations; latest: "
                    + (rows.isEmpty() ? "none" : rows.get(rows.size() - 1).name()));
            List<String> failed = rows.stream().filter(PostgresProbe.PrismaMigration::failedOrUnfinished)
                    .map(row -> row.name() + " (started " + row.startedAt() + ", logs: " + firstLine(row.logs()) + ")")
                    .toList();
            assertThat(failed).as("failed or unfinished migrations in _prisma_migrations (finished_at and"
                    + " rolled_back_at null); expected none").isEmpty();
            String expected = sut.target().setting("expectedMigration").orElse(null);
            if (expected == null) {
                Allure.step("settings.expectedMigration not given: the release's latest migration is not checked");
            } else {
                List<String> applied = rows.stream().filter(PostgresProbe.PrismaMigration::applied)
                        .map(PostgresProbe.PrismaMigration::name).toList();
                assertThat(applied).as("applied migrations in _prisma_migrations; expected the release's latest, %s",
                        expected).contains(expected);
            }
        }
    }

    /** Alembic: {@code alembic_version} holds the head given by the setting {@code expectedHead}. */
    public void alembicAtHead(String expectedHead) throws SQLException {
        try (PostgresProbe db = database("databaseUrl")) {
            List<String> heads = db.alembicHeads().orElse(null);
            assertThat(heads).as("table alembic_version in database %s (expected: Alembic's version table)",
                    db.server().database()).isNotNull();
            Allure.step("alembic_version: " + heads);
            assertThat(heads).as("alembic_version; expected exactly the head %s (alembic upgrade head)", expectedHead)
                    .containsExactly(expectedHead);
        }
    }

    /**
     * Django: {@code django_migrations} contains the release's latest migration, given by the setting
     * {@code expectedDjangoMigration} as {@code app.name} (skipped, saying so, where the environment gives none).
     */
    public void djangoMigrationApplied() throws SQLException {
        djangoMigrationApplied(sut.requireSetting("expectedDjangoMigration",
                "the release's latest Django migration as app.name, e.g. stories.0003_story_cursor_index"));
    }

    /** Django: {@code django_migrations} contains the expected latest migration, given as {@code app.name}. */
    public void djangoMigrationApplied(String expectedAppAndName) throws SQLException {
        try (PostgresProbe db = database("databaseUrl")) {
            List<String> applied = db.djangoMigrations().orElse(null);
            assertThat(applied).as("table django_migrations in database %s (expected: Django's migration table)",
                    db.server().database()).isNotNull();
            Allure.step(applied.size() + " rows in django_migrations");
            assertThat(applied).as("django_migrations; expected the release's latest, %s, applied", expectedAppAndName)
                    .contains(expectedAppAndName);
        }
    }

    /** Client connections in use, of {@code max_connections} and of the database's connection limit, below the threshold. */
    public void connectionPoolBelowThreshold() throws SQLException {
        double budget = sut.target().threshold("dbConnectionPoolPercent");
        try (PostgresProbe db = database("databaseUrl")) {
            PostgresProbe.ConnectionUsage usage = db.connectionUsage();
            Allure.step(String.format(Locale.ROOT, "Server: %d of max_connections %d in use (%.1f%%); database: %d in use, limit %s",
                    usage.serverInUse(), usage.maxConnections(), usage.serverPercent(), usage.databaseInUse(),
                    usage.databaseHasLimit() ? usage.databaseLimit() : "none"));
            assertThat(usage.serverPercent()).as("server connections in use: %d of max_connections %d, in percent;"
                    + " expected below %s%%", usage.serverInUse(), usage.maxConnections(), fmt(budget)).isLessThan(budget);
            if (usage.databaseHasLimit()) {
                assertThat(usage.databasePercent()).as("connections to the database: %d of its CONNECTION LIMIT %d,"
                        + " in percent; expected below %s%%", usage.databaseInUse(), usage.databaseLimit(), fmt(budget))
                        .isLessThan(budget);
            }
        }
    }

    /** The checklist's {@code pg_statio_user_tables} heap cache-hit ratio, above the threshold. */
    public void heapCacheHitRatioAboveThreshold() throws SQLException {
        double target = sut.target().threshold("dbCacheHitPercent");
        try (PostgresProbe db = database("databaseUrl")) {
            PostgresProbe.HeapBlocks blocks = db.heapBlocks();
            OptionalDouble ratio = blocks.hitRatio();
            Assumptions.assumeTrue(ratio.isPresent(), "no table block has been read in this database since its"
                    + " statistics were reset, so there is no cache-hit ratio yet");
            double percent = 100 * ratio.getAsDouble();
            Allure.step(String.format(Locale.ROOT, "heap_blks_hit %d, heap_blks_read %d: %.1f%%", blocks.hits(),
                    blocks.reads(), percent));
            assertThat(percent).as("heap cache-hit ratio (heap_blks_hit %d, heap_blks_read %d) in percent; expected"
                    + " above %s%%", blocks.hits(), blocks.reads(), fmt(target)).isGreaterThan(target);
        }
    }

    /** No more than the allowed number of statements slower on average than the threshold, where pg_stat_statements is. */
    public void slowStatementsWithinThreshold() throws SQLException {
        double slowMs = sut.target().threshold("slowQueryMs");
        int allowed = sut.target().intThreshold("slowQueryCount");
        try (PostgresProbe db = database("databaseUrl")) {
            PostgresProbe.SlowStatements slow = db.slowStatements(slowMs, Math.max(SLOW_STATEMENTS_SHOWN, allowed + 1));
            Assumptions.assumeTrue(slow.available(), slow::unavailableReason);
            String listing = slow.statements().stream()
                    .map(s -> String.format(Locale.ROOT, "%.0f ms mean over %d calls: %s", s.meanMillis(), s.calls(),
                            s.query().replaceAll("\\s+", " ")))
                    .collect(Collectors.joining("\n"));
            Allure.addAttachment("Statements slower than " + fmt(slowMs) + " ms", "text/plain",
                    sut.redactor().redact(listing.isEmpty() ? "none" : listing), ".txt");
            assertThat(slow.statements().size()).as("statements with mean_exec_time above %s ms in pg_stat_statements"
                    + " (expected at most %d):%n%s", fmt(slowMs), allowed, listing).isLessThanOrEqualTo(allowed);
        }
    }

    /** On the replica given as {@code replicaDatabaseUrl}: it is one, and its replay lag is below the threshold. */
    public void replicationLagBelowThreshold() throws SQLException {
        double budget = sut.target().threshold("replicationLagMs");
        try (PostgresProbe replica = database("replicaDatabaseUrl")) {
            PostgresProbe.ReplicaStatus status = replica.replicaStatus();
            assertThat(status.inRecovery()).as("pg_is_in_recovery() on the server given as replicaDatabaseUrl"
                    + " (expected true: a replica; false means it is a primary)").isTrue();
            Assumptions.assumeTrue(status.lagMillis() != null, "the replica has not replayed any transaction yet");
            Allure.step(String.format(Locale.ROOT, "Replay lag %.0f ms", status.lagMillis()));
            assertThat(status.lagMillis()).as("replica replay lag in ms; expected below %s", fmt(budget)).isLessThan(budget);
        }
    }

    // ---- Redis ---------------------------------------------------------------------------------------------------

    /** Every one of a few PINGs ({@code redisPingSamples}) answers PONG, the slowest within the threshold. */
    public void redisPingFast() throws IOException {
        double budget = sut.target().threshold("redisPingMs");
        int samples = Math.max(1, sut.target().intThreshold("redisPingSamples"));
        try (RedisProbe redis = redis()) {
            List<Double> millis = new ArrayList<>();
            // Stops at the first PING over budget: one is enough to fail, and a blocked Redis makes each one slow.
            while (millis.size() < samples && (millis.isEmpty() || millis.get(millis.size() - 1) < budget)) {
                millis.add(redis.ping().toNanos() / 1e6);
            }
            double slowest = millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            String all = millis.stream().map(m -> String.format(Locale.ROOT, "%.1f", m)).collect(Collectors.joining(", "));
            Allure.step("PING x" + millis.size() + ", client-observed ms: " + all);
            assertThat(slowest).as("slowest of %d PING round trips in ms (all: %s); expected below %s",
                    millis.size(), all, fmt(budget)).isLessThan(budget);
        }
    }

    /** {@code used_memory} of {@code maxmemory} (of the machine's memory when no maxmemory is set) below the threshold. */
    public void redisMemoryBelowThreshold() throws IOException {
        double budget = sut.target().threshold("redisMemoryPercent");
        try (RedisProbe redis = redis()) {
            RedisProbe.Memory memory = redis.memory();
            String limit = memory.limited() ? "maxmemory" : "total_system_memory (no maxmemory set)";
            Allure.step(String.format(Locale.ROOT, "used_memory %d of %s %d: %.1f%%", memory.usedBytes(), limit,
                    memory.limitBytes(), memory.usedPercent()));
            assertThat(memory.usedPercent()).as("Redis used_memory %d of %s %d, in percent; expected below %s%%",
                    memory.usedBytes(), limit, memory.limitBytes(), fmt(budget)).isLessThan(budget);
        }
    }

    /** {@code DBSIZE} answers, with at least {@code redisMinKeys} keys (an emptied Redis after a deploy was flushed). */
    public void redisKeyCount() throws IOException {
        long minimum = Math.round(sut.target().threshold("redisMinKeys"));
        try (RedisProbe redis = redis()) {
            long keys = redis.dbSize();
            Allure.step("DBSIZE: " + keys);
            assertThat(keys).as("DBSIZE of the Redis database; expected at least %d keys (fewer: flushed, or the"
                    + " URL names another database)", minimum).isGreaterThanOrEqualTo(minimum);
        }
    }

    /** Keyspace hits of all lookups ({@code INFO stats}) above the threshold. */
    public void redisHitRateAboveThreshold() throws IOException {
        double target = sut.target().threshold("redisHitRatePercent");
        try (RedisProbe redis = redis()) {
            RedisProbe.Keyspace keyspace = redis.keyspace();
            Assumptions.assumeTrue(keyspace.lookups() > 0,
                    "Redis has served no key lookups since it started or its statistics were reset");
            Allure.step(String.format(Locale.ROOT, "keyspace_hits %d, keyspace_misses %d: %.1f%%", keyspace.hits(),
                    keyspace.misses(), keyspace.hitPercent()));
            assertThat(keyspace.hitPercent()).as("Redis keyspace hit rate (keyspace_hits %d, keyspace_misses %d) in"
                    + " percent; expected above %s%%", keyspace.hits(), keyspace.misses(), fmt(target)).isGreaterThan(target);
        }
    }

    // ---- connections ---------------------------------------------------------------------------------------------

    private PostgresProbe database(String credential) {
        String url = sut.requireCredential(credential);
        PostgresProbe.passwordOf(url).ifPresent(sut.redactor()::register);
        Allure.step("Open a read-only session on " + PostgresProbe.describe(url) + " (runs fixed SELECTs only, never writes)");
        try {
            return PostgresProbe.connect(url, sut.timeouts().connect(), sut.timeouts().request());
        } catch (SQLException | IllegalArgumentException e) {
            return Assertions.fail("expected to connect read-only to %s (credentials.%s), but: %s",
                    PostgresProbe.describe(url), credential, e.getMessage());
        }
    }

    private RedisProbe redis() {
        String url = sut.requireCredential("redisUrl");
        RespConnection.Endpoint endpoint;
        try {
            endpoint = RespConnection.Endpoint.parse(url);
        } catch (IllegalArgumentException e) {
            return Assertions.fail("expected credentials.redisUrl to be a Redis URL, but: %s", e.getMessage());
        }
        sut.redactor().register(endpoint.password());
        Allure.step("Connect to Redis at " + endpoint + " (sends PING, INFO and DBSIZE only, never writes)");
        try {
            return RedisProbe.connect(url, sut.timeouts().connect(), sut.timeouts().request());
        } catch (IOException e) {
            return Assertions.fail("expected to connect to Redis at %s (credentials.redisUrl), but: %s",
                    endpoint, e.getMessage());
        }
    }

    private static String firstLine(String text) {
        return text == null ? "none" : text.strip().lines().findFirst().orElse("");
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
