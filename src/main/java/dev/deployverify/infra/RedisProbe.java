package dev.deployverify.infra;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only Redis session for the checklists' cache commands ({@code PING}, {@code INFO}, {@code DBSIZE}) over a
 * {@link RespConnection} with connect and read timeouts. It can send nothing else: the only commands are the fixed
 * ones below (plus {@code AUTH} and {@code SELECT} to open the session), so no check can write or flush.
 */
public final class RedisProbe implements AutoCloseable {

    private final RespConnection connection;

    private RedisProbe(RespConnection connection) {
        this.connection = connection;
    }

    /** Connects to {@code redis[s]://[[user]:password@]host[:port][/db]}. */
    public static RedisProbe connect(String url, Duration connectTimeout, Duration readTimeout) throws IOException {
        return new RedisProbe(RespConnection.open(url, connectTimeout, readTimeout));
    }

    /** Sends {@code PING}; returns the client-observed round trip. Fails unless the answer is {@code PONG}. */
    public Duration ping() throws IOException {
        long start = System.nanoTime();
        Object reply = connection.command("PING");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!"PONG".equals(reply)) {
            throw new RespConnection.RedisException("expected PONG to PING, got " + reply);
        }
        return elapsed;
    }

    /** {@code DBSIZE}: keys in the selected database. */
    public long dbSize() throws IOException {
        return (Long) connection.command("DBSIZE");
    }

    /** One {@code INFO} section (memory, stats, keyspace, server...) as its {@code field:value} lines. */
    public Map<String, String> info(String section) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : ((String) connection.command("INFO", section)).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /**
     * {@code INFO memory}: used memory against its limit, {@code maxmemory}, or when that is 0 (no limit set) the
     * machine's memory, which is then what bounds Redis.
     */
    public record Memory(long usedBytes, long maxMemoryBytes, long systemMemoryBytes) {

        public boolean limited() {
            return maxMemoryBytes > 0;
        }

        public long limitBytes() {
            return limited() ? maxMemoryBytes : systemMemoryBytes;
        }

        public double usedPercent() {
            return limitBytes() <= 0 ? 0 : 100.0 * usedBytes / limitBytes();
        }
    }

    public Memory memory() throws IOException {
        Map<String, String> info = info("memory");
        return new Memory(number(info, "used_memory"), number(info, "maxmemory"),
                info.containsKey("total_system_memory") ? number(info, "total_system_memory") : 0);
    }

    /** {@code INFO stats} keyspace lookups since the server started or its statistics were reset. */
    public record Keyspace(long hits, long misses) {

        public long lookups() {
            return hits + misses;
        }

        public double hitPercent() {
            return lookups() == 0 ? Double.NaN : 100.0 * hits / lookups();
        }
    }

    public Keyspace keyspace() throws IOException {
        Map<String, String> info = info("stats");
        return new Keyspace(number(info, "keyspace_hits"), number(info, "keyspace_misses"));
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    private static long number(Map<String, String> info, String field) throws IOException {
        String value = info.get(field);
        if (value == null) {
            throw new RespConnection.RedisException("expected field " + field + " in INFO, got fields " + info.keySet());
        }
        return Long.parseLong(value);
    }

}
