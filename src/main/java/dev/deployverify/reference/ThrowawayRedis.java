package dev.deployverify.reference;

import dev.deployverify.infra.RespConnection;
import org.testcontainers.containers.GenericContainer;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A Redis server made for one test or one reference run and stopped on close: a Testcontainers Redis where a Docker
 * engine exists, else the machine's {@code redis-server} started on an ephemeral loopback port. A server of its own
 * (Redis has no CREATE DATABASE) because the faults change server-wide state (maxmemory, statistics, a blocked
 * event loop) that must not disturb anyone else's Redis. Configured like production (maxmemory with LRU eviction,
 * no persistence), with an admin password and a read-only ACL user for the checks.
 */
public final class ThrowawayRedis implements AutoCloseable {

    public static final long MAX_MEMORY_BYTES = 64L * 1024 * 1024;
    private static final String READ_ONLY_USER = "deploy-verify";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final String adminPassword;
    private final String readOnlyPassword;
    private final AutoCloseable stop;

    private ThrowawayRedis(String host, int port, String adminPassword, String readOnlyPassword, AutoCloseable stop) {
        this.host = host;
        this.port = port;
        this.adminPassword = adminPassword;
        this.readOnlyPassword = readOnlyPassword;
        this.stop = stop;
    }

    /** Why no throwaway Redis can be started here, or empty when one can. */
    public static Optional<String> unavailableReason() {
        if (DockerEngine.available() || redisServerBinary().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("no Docker engine for Testcontainers and no redis-server on the PATH (apt-get install redis-server)");
    }

    public static ThrowawayRedis start() throws IOException {
        String adminPassword = HexFormat.of().formatHex(Requests.randomBytes(16));
        String readOnlyPassword = HexFormat.of().formatHex(Requests.randomBytes(16));
        List<String> arguments = List.of("--save", "", "--appendonly", "no", "--requirepass", adminPassword,
                "--maxmemory", Long.toString(MAX_MEMORY_BYTES), "--maxmemory-policy", "allkeys-lru");
        ThrowawayRedis redis;
        if (DockerEngine.available()) {
            List<String> command = new ArrayList<>(List.of("redis-server"));
            command.addAll(arguments);
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379)
                    .withCommand(command.toArray(String[]::new));
            container.start();
            redis = new ThrowawayRedis(container.getHost(), container.getMappedPort(6379), adminPassword,
                    readOnlyPassword, container::stop);
        } else {
            String binary = redisServerBinary().orElseThrow(() -> new IllegalStateException(unavailableReason().orElse("")));
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", System.getProperty("java.io.tmpdir"), "--logfile", ""));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // A JVM killed mid-run must not leave the server behind.
            Thread killOnExit = new Thread(process::destroyForcibly, "stop throwaway redis-server " + port);
            Runtime.getRuntime().addShutdownHook(killOnExit);
            redis = new ThrowawayRedis("127.0.0.1", port, adminPassword, readOnlyPassword, () -> {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(killOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // Already exiting: the hook runs, harmlessly, on a stopped process.
                }
            });
            ThrowawayRedis starting = redis;
            try {
                await("throwaway redis-server answers on port " + port).atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .ignoreExceptions().until(() -> {
                            try (RespConnection admin = starting.admin()) {
                                return "PONG".equals(admin.command("PING"));
                            }
                        });
            } catch (RuntimeException e) {
                redis.close();
                throw e;
            }
        }
        try (RespConnection admin = redis.admin()) {
            // The checks' user: PING, INFO and DBSIZE only, no key access.
            admin.command("ACL", "SETUSER", READ_ONLY_USER, "on", ">" + readOnlyPassword, "resetkeys", "-@all",
                    "+ping", "+info", "+dbsize", "+select", "+hello");
        }
        return redis;
    }

    /** The URL the checks get: the read-only user. */
    public String readOnlyUrl() {
        return "redis://" + READ_ONLY_USER + ":" + readOnlyPassword + "@" + host + ":" + port + "/0";
    }

    /** A connection as the default (admin) user, for setting the server up (never given to a check). */
    public RespConnection admin() throws IOException {
        return RespConnection.open("redis://:" + adminPassword + "@" + host + ":" + port + "/0", TIMEOUT, TIMEOUT);
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the throwaway Redis on port " + port, e);
        }
    }

    private static Optional<String> redisServerBinary() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(directory, "redis-server");
            if (candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
