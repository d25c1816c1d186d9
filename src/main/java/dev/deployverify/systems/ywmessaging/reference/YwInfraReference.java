package dev.deployverify.systems.ywmessaging.reference;

import dev.deployverify.infra.RespConnection;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.ywmessaging.YwMessagingFault;
import dev.deployverify.reference.PrismaMigrationTable;
import dev.deployverify.reference.ThrowawayPostgres;
import dev.deployverify.reference.ThrowawayRedis;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/**
 * YWMessaging's database and cache as its brief describes them: a PostgreSQL database migrated by Prisma (a real
 * {@code _prisma_migrations} table and the tables it made, with rows the app has read) and a Redis holding the app's
 * cache and Bull queue keys, with lookups that mostly hit. Both are real servers (see {@link ThrowawayPostgres} and
 * {@link ThrowawayRedis}), made for this run and dropped on close. Where neither Docker nor the machine's services
 * are there, the URLs are published empty, and the infra checks are skipped with that reason.
 */
public final class YwInfraReference implements AutoCloseable {

    /** The release's migrations, oldest first: the last is the one local.yaml expects applied. */
    static final List<String> MIGRATIONS = List.of("20240112093000_init", "20240305141500_add_conversations",
            "20240611080000_add_telnyx_delivery_status", "20241002170500_add_message_templates");

    private static final Duration SETUP_WAIT = Duration.ofSeconds(10);
    /** Held connections for db-connections-exhausted: 7 of a limit of 10 is 70%, over the 60% budget. */
    private static final int CONNECTION_LIMIT = 10;
    private static final int HELD_CONNECTIONS = 7;

    private final Faults<YwMessagingFault> faults;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final AtomicBoolean blocking = new AtomicBoolean();

    public YwInfraReference(Faults<YwMessagingFault> faults) {
        this.faults = faults;
        try {
            startPostgres();
            startRedis();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not set up YWMessaging's database and cache: " + e.getMessage(), e);
        }
    }


    /** ${reference.ywmessaging.databaseUrl}, ...Url, ...redisUrl, ...latestMigration (empty when unavailable). */
    public Map<String, String> variables() {
        return variables;
    }

    private void startPostgres() throws SQLException {
        variables.put("reference.ywmessaging.latestMigration", MIGRATIONS.get(MIGRATIONS.size() - 1));
        variables.put("reference.ywmessaging.databaseUrl", "");
        variables.put("reference.ywmessaging.replicaDatabaseUrl", "");
        String unavailable = ThrowawayPostgres.unavailableReason().orElse(null);
        if (unavailable != null) {
            System.err.println("[reference] YWMessaging infra checks will skip PostgreSQL: " + unavailable);
            return;
        }
        ThrowawayPostgres db = ThrowawayPostgres.create("ywmessaging");
        resources.add(db);
        try (Connection admin = db.admin(); Statement sql = admin.createStatement()) {
            migrate(admin, sql);
            readAppTables(sql);
            if (faults.has(YwMessagingFault.DB_CACHE_COLD)) {
                // Larger than a quarter of shared_buffers: scans go through a small ring buffer, so they read from disk.
                sql.execute("CREATE TABLE \"MessageArchive\" AS SELECT g AS id, repeat('archived message body ', 6) AS content"
                        + " FROM generate_series(1, 300000) g");
                sql.execute("SELECT count(*) FROM \"MessageArchive\"");
                sql.execute("SELECT count(*) FROM \"MessageArchive\" WHERE content LIKE '%x%'");
            }
            awaitStatistics(sql);
            if (faults.has(YwMessagingFault.DB_CONNECTIONS_EXHAUSTED)) {
                sql.execute("ALTER DATABASE " + db.database() + " CONNECTION LIMIT " + CONNECTION_LIMIT);
                for (int i = 0; i < HELD_CONNECTIONS; i++) {
                    resources.add(0, db.admin()); // closed before the database is dropped
                }
            }
        }
        variables.put("reference.ywmessaging.databaseUrl",
                faults.has(YwMessagingFault.DB_UNREACHABLE) ? db.readOnlyUrl(db.database() + "_missing") : db.readOnlyUrl());
        if (faults.has(YwMessagingFault.REPLICA_IS_PRIMARY)) {
            variables.put("reference.ywmessaging.replicaDatabaseUrl", db.readOnlyUrl());
        }
    }

    /** What {@code prisma migrate deploy} leaves: its table, one row per migration, and the tables they made. */
    private void migrate(Connection admin, Statement sql) throws SQLException {
        sql.execute("CREATE TABLE \"Church\" (id UUID PRIMARY KEY, name TEXT NOT NULL, \"subscriptionStatus\" TEXT NOT NULL)");
        sql.execute("CREATE TABLE \"Member\" (id UUID PRIMARY KEY, \"churchId\" UUID NOT NULL REFERENCES \"Church\","
                + " \"firstName\" TEXT, \"lastName\" TEXT, phone TEXT NOT NULL)");
        sql.execute("CREATE TABLE \"Message\" (id UUID PRIMARY KEY, \"churchId\" UUID NOT NULL REFERENCES \"Church\","
                + " content VARCHAR(160) NOT NULL, status TEXT NOT NULL, \"createdAt\" TIMESTAMPTZ NOT NULL DEFAULT now())");
        UUID church = UUID.randomUUID();
        sql.execute("INSERT INTO \"Church\" VALUES ('" + church + "', 'Grace Community', 'active')");
        sql.execute("INSERT INTO \"Member\" SELECT gen_random_uuid(), '" + church + "', 'Member', g::text, '+1555' || lpad(g::text, 7, '0')"
                + " FROM generate_series(1, 200) g");
        sql.execute("INSERT INTO \"Message\" SELECT gen_random_uuid(), '" + church + "', 'Service at 10am ' || g, 'delivered'"
                + " FROM generate_series(1, 500) g");

        List<String> applied = faults.has(YwMessagingFault.MIGRATION_PENDING) ? MIGRATIONS.subList(0, MIGRATIONS.size() - 1) : MIGRATIONS;
        boolean failed = faults.has(YwMessagingFault.MIGRATION_FAILED);
        PrismaMigrationTable.create(admin, applied, failed ? "20241120101500_add_message_scheduling" : null,
                failed ? "Database error code: 42701\nDatabase error:\nERROR: column \"scheduledAt\" of relation"
                        + " \"Message\" already exists" : null);
    }

    /** The app at work: conversation listings read the same pages again and again, from shared buffers. */
    private static void readAppTables(Statement sql) throws SQLException {
        for (int i = 0; i < 20; i++) {
            sql.execute("SELECT m.id, m.phone, (SELECT count(*) FROM \"Message\" g WHERE g.\"churchId\" = m.\"churchId\")"
                    + " FROM \"Member\" m ORDER BY m.phone LIMIT 20 OFFSET " + i * 5);
        }
    }

    /** Table statistics reach the views asynchronously: wait until this session's reads show. */
    private static void awaitStatistics(Statement sql) throws SQLException {
        sql.execute("SELECT pg_stat_force_next_flush()");
        await("PostgreSQL publishes the reference's table reads in pg_statio_user_tables").atMost(SETUP_WAIT)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    sql.execute("SELECT pg_stat_force_next_flush()");
                    try (ResultSet row = sql.executeQuery("SELECT coalesce(sum(heap_blks_hit), 0) FROM pg_statio_user_tables"
                            + " WHERE relname IN ('Member', 'Message')")) {
                        return row.next() && row.getLong(1) > 0;
                    }
                });
    }

    private void startRedis() throws IOException {
        variables.put("reference.ywmessaging.redisUrl", "");
        String unavailable = ThrowawayRedis.unavailableReason().orElse(null);
        if (unavailable != null) {
            System.err.println("[reference] YWMessaging infra checks will skip Redis: " + unavailable);
            return;
        }
        ThrowawayRedis redis = ThrowawayRedis.start();
        resources.add(redis);
        try (RespConnection admin = redis.admin()) {
            // Bull queue bookkeeping and the app's cache, read back the way the app reads them.
            admin.command("SET", "bull:sms:id", "1042");
            admin.command("HSET", "bull:sms:repeat", "church-digest", "0 9 * * 1");
            for (int i = 0; i < 40; i++) {
                admin.command("SET", "cache:church:" + i + ":settings", "{\"timezone\":\"America/Chicago\"}", "EX", "3600");
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 40; i++) {
                    admin.command("GET", "cache:church:" + i + ":settings");
                }
            }
            if (faults.has(YwMessagingFault.REDIS_CACHE_MISSES)) {
                for (int i = 0; i < 700; i++) {
                    admin.command("GET", "cache:conversation:" + i + ":summary");
                }
            }
            if (faults.has(YwMessagingFault.REDIS_FLUSHED)) {
                admin.command("FLUSHDB");
            }
            if (faults.has(YwMessagingFault.REDIS_MEMORY_FULL)) {
                long used = Long.parseLong(((String) admin.command("INFO", "memory")).lines()
                        .filter(line -> line.startsWith("used_memory:")).findFirst().orElseThrow().substring(12).trim());
                admin.command("CONFIG", "SET", "maxmemory", Long.toString(used + used / 10));
            }
        }
        if (faults.has(YwMessagingFault.REDIS_BLOCKED)) {
            startBlockingScripts(redis);
        }
        variables.put("reference.ywmessaging.redisUrl", redis.readOnlyUrl());
    }

    /**
     * Two background jobs whose Lua scripts spin 200 ms at a time, back to back: Redis runs one command at a time, so
     * while one script runs the other is already queued, and every other client's command waits for a script.
     */
    private void startBlockingScripts(ThrowawayRedis redis) {
        blocking.set(true);
        List<Thread> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread job = new Thread(() -> {
                try (RespConnection admin = redis.admin()) {
                    while (blocking.get()) {
                        admin.command("EVAL", "local t = redis.call('TIME'); local start = t[1] * 1000000 + t[2];"
                                + " repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] - start >= 200000; return 1", "0");
                    }
                } catch (IOException e) {
                    // The server stopped (close): the job ends with it.
                }
            }, "reference-redis-blocker-" + i);
            job.setDaemon(true);
            job.start();
            jobs.add(job);
        }
        resources.add(0, () -> {
            blocking.set(false);
            for (Thread job : jobs) {
                job.join(2000);
            }
        });
    }

    @Override
    public void close() {
        blocking.set(false);
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
