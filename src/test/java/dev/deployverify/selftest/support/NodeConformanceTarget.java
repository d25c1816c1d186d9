package dev.deployverify.selftest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.reference.RunningReference;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One system's Node conformance target (src/test/node/&lt;system&gt;.js: the real service's npm packages and limits),
 * started on loopback for a selftest: installs the locked packages if node_modules is missing ({@code npm ci}),
 * starts the server with per-run test credentials in its environment, waits (bounded) for the port it prints, and
 * writes an environment file pointing the suite at it. The file has {@code reference: true} and the usual
 * {@code ${reference.<system>.*}} variables, which the run reads from this target's variables file ({@code -Dreference.running}, see {@link RunningReference})
 * instead of starting the Java stand-ins. Closing stops the process (it also exits by itself when its stdin closes,
 * so a dead JVM leaves no server behind).
 *
 * <p>Without {@code node} a developer's run is skipped with the reason; with {@code CI=true} it fails.
 */
public final class NodeConformanceTarget implements AutoCloseable {

    /** The systems that have a Node conformance target, with their server script. */
    public enum NodeSystem {
        YWMESSAGING("ywmessaging"), DAWG("dawg"), WCAGAII("wcagaii");

        private final String id;

        NodeSystem(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** What the target counted (its own view, from the process): every HTTP request, /api ones, upgrades, statuses. */
    public record Stats(long requests, long api, long upgrades, Map<String, Long> byStatus) {
        public long status(int code) {
            return byStatus.getOrDefault(String.valueOf(code), 0L);
        }

        /** The difference to an earlier reading: what one run sent. */
        public Stats since(Stats earlier) {
            Map<String, Long> statuses = new LinkedHashMap<>(byStatus);
            earlier.byStatus.forEach((code, count) -> statuses.merge(code, -count, Long::sum));
            statuses.values().removeIf(v -> v == 0);
            return new Stats(requests - earlier.requests, api - earlier.api, upgrades - earlier.upgrades, statuses);
        }

        @Override
        public String toString() {
            return requests + " HTTP requests (" + api + " to /api), " + upgrades + " upgrades, statuses " + byStatus;
        }
    }

    private static final String PORT_LINE = "CONFORMANCE-TARGET-LISTENING port=";
    private static final String STATS_LINE = "CONFORMANCE-TARGET-STATS ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeSystem system;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> statsLines;
    private final Path log;
    private final String url;
    private final Path environmentFile;
    private final Path runningReference;
    private final Duration startup;

    private NodeConformanceTarget(NodeSystem system, Process process, Path log, String url, Path environmentFile,
                                  Path runningReference, Duration startup, BlockingQueue<String> statsLines) {
        this.system = system;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
        this.url = url;
        this.environmentFile = environmentFile;
        this.runningReference = runningReference;
        this.startup = startup;
        this.statsLines = statsLines;
    }

    /** The Node project of the targets: src/test/node under the project's base directory. */
    public static Path nodeProject() {
        return Path.of(System.getProperty("basedir", Path.of("").toAbsolutePath().toString())).resolve("src/test/node");
    }

    /**
     * Starts the system's target with these faults (none: the conformance run) and writes its environment file
     * into {@code dir}.
     */
    public static NodeConformanceTarget start(NodeSystem system, Path dir, String... faults) throws IOException {
        String node = requireNode();
        Path project = nodeProject();
        installPackages(project);
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> serverEnv = new LinkedHashMap<>();
        String yaml = prepare(system, secrets, serverEnv);

        Path logDir = Path.of(System.getProperty("basedir", "."), "target", "node-conformance");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(system.id() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS")) + ".log");
        ProcessBuilder builder = new ProcessBuilder(node, system.id() + ".js").directory(project.toFile())
                .redirectError(log.toFile());
        Map<String, String> env = builder.environment();
        // Only what the server needs: no credential of the machine's leaks into it.
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
        if (home != null) {
            env.put("HOME", home);
        }
        env.put("NODE_ENV", "production");
        env.put("PORT", "0");
        env.put("FAULTS", String.join(",", faults));
        env.putAll(serverEnv);

        long begin = System.nanoTime();
        Process process = builder.start();
        BlockingQueue<String> portLines = new LinkedBlockingQueue<>();
        BlockingQueue<String> statsLines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readStdout(process, portLines, statsLines), "node-" + system.id() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String portLine;
        try {
            portLine = portLines.poll(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            portLine = null;
        }
        if (portLine == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the " + system.id() + " Node conformance target did not print its port within "
                    + START_TIMEOUT.toSeconds() + " s (" + (process.isAlive() ? "still running" : "exited") + "); its log "
                    + log + " ends:\n" + tail(log));
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - begin);
        String url = "http://127.0.0.1:" + Integer.parseInt(portLine.substring(PORT_LINE.length()).trim());
        secrets.put("reference." + system.id() + ".url", url);
        Path file = dir.resolve(system.id() + "-node-conformance.yaml");
        Files.writeString(file, yaml);
        Path variables = RunningReference.write(secrets, dir.resolve(system.id() + "-node-conformance.properties"));
        return new NodeConformanceTarget(system, process, log, url, file, variables, startup, statsLines);
    }

    public String url() {
        return url;
    }

    /** The environment file for {@link CheckRun#againstEnvironmentFile}. */
    public Path environmentFile() {
        return environmentFile;
    }

    /** A run against this target: its environment file, its variables in place of the embedded stand-ins'. */
    public CheckRun checkRun() {
        return CheckRun.againstEnvironmentFile(environmentFile).with("reference.running", runningReference.toString());
    }

    /** Where the server's stderr goes. */
    public Path log() {
        return log;
    }

    /** From process start to the port line. */
    public Duration startup() {
        return startup;
    }

    /** Asks the running server what it has counted so far. */
    public Stats stats() {
        try {
            statsLines.clear();
            stdin.write("stats\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            String line = statsLines.poll(5, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the " + system.id() + " Node conformance target did not answer 'stats' (alive: "
                        + process.isAlive() + ")");
            }
            JsonNode json = JSON.readTree(line);
            Map<String, Long> statuses = new LinkedHashMap<>();
            json.path("byStatus").fields().forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
            return new Stats(json.path("requests").asLong(), json.path("api").asLong(), json.path("upgrades").asLong(), statuses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the server exits when its stdin closes
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Per-run test credentials (server side and suite side) and the environment file's text for the system. */
    private static String prepare(NodeSystem system, Map<String, String> suite, Map<String, String> server) {
        String description = system.id() + " Node conformance target (its real npm packages and limits) on loopback";
        String header = """
                # Written by NodeConformanceTarget for one selftest: %s.
                # The ${reference.%s.*} variables come from the target, which made them for this run.
                description: %s
                reference: true
                mutatingChecks: true
                timeouts:
                  connectSeconds: 2
                  requestSeconds: 5
                  flowSeconds: 5
                  readinessSeconds: 5
                systems:
                """.formatted(description, system.id(), description);
        String p = "reference." + system.id() + ".";
        switch (system) {
            case YWMESSAGING -> {
                KeyPair telnyx = ed25519();
                String email = "admin-" + random(4).toLowerCase() + "@conformance.invalid";
                String password = "pw-" + random(12);
                String stripeSecret = "whsec_" + random(24);
                String memberId = UUID.randomUUID().toString();
                server.put("YW_ADMIN_EMAIL", email);
                server.put("YW_ADMIN_PASSWORD", password);
                server.put("YW_JWT_SECRET", random(32));
                server.put("YW_STRIPE_WEBHOOK_SECRET", stripeSecret);
                server.put("YW_TELNYX_PUBLIC_KEY", Base64.getEncoder().encodeToString(telnyx.getPublic().getEncoded()));
                server.put("YW_TEST_MEMBER_ID", memberId);
                suite.put(p + "email", email);
                suite.put(p + "password", password);
                suite.put(p + "stripeWebhookSecret", stripeSecret);
                suite.put(p + "telnyxPrivateKey", Base64.getEncoder().encodeToString(telnyx.getPrivate().getEncoded()));
                suite.put(p + "testMemberId", memberId);
                return header + """
                          ywmessaging:
                            baseUrl: ${reference.ywmessaging.url}
                            credentials:
                              email: ${reference.ywmessaging.email}
                              password: ${reference.ywmessaging.password}
                              stripeWebhookSecret: ${reference.ywmessaging.stripeWebhookSecret}
                              telnyxPrivateKey: ${reference.ywmessaging.telnyxPrivateKey}
                            settings:
                              testMemberId: ${reference.ywmessaging.testMemberId}
                              allowedOrigin: https://app.ywmessaging.com
                        """;
            }
            case DAWG -> {
                String token = random(24);
                String userId = "deploy-verify-" + random(6).toLowerCase();
                server.put("DAWG_TEST_TOKEN", token);
                server.put("DAWG_TEST_USER_ID", userId);
                server.put("DAWG_SIGNING_KEY", random(32));
                suite.put(p + "testToken", token);
                suite.put(p + "testUserId", userId);
                // As local.yaml: a 2 s hold sees several of the target's 500 ms pings; 3 s of load on loopback. The
                // p95 budget is the machine's, not the checklist's: 100 users against one Node process, beside the
                // suite's other tests on two cores, measured 350 ms; what conformance proves is the protocol.
                return header + """
                          dawg:
                            baseUrl: ${reference.dawg.url}
                            credentials:
                              testToken: ${reference.dawg.testToken}
                            thresholds:
                              wsHoldSeconds: 2
                              loadSeconds: 3
                              p95Ms: 2000
                            settings:
                              testUserId: ${reference.dawg.testUserId}
                        """;
            }
            case WCAGAII -> {
                String apiKey = "wk_" + random(20);
                String rateLimitKey = "wk_" + random(20);
                server.put("WCAGAII_API_KEY", apiKey);
                server.put("WCAGAII_RATE_LIMIT_API_KEY", rateLimitKey);
                suite.put(p + "apiKey", apiKey);
                suite.put(p + "rateLimitApiKey", rateLimitKey);
                return header + """
                          wcagaii:
                            baseUrl: ${reference.wcagaii.url}
                            credentials:
                              apiKey: ${reference.wcagaii.apiKey}
                              rateLimitApiKey: ${reference.wcagaii.rateLimitApiKey}
                            settings:
                              allowedOrigin: https://app.wcagai.example
                            thresholds:
                              loadSeconds: 3
                        """;
            }
            default -> throw new IllegalArgumentException(system.toString());
        }
    }

    private static void readStdout(Process process, BlockingQueue<String> portLines, BlockingQueue<String> statsLines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PORT_LINE)) {
                    portLines.add(line);
                } else if (line.startsWith(STATS_LINE)) {
                    statsLines.add(line.substring(STATS_LINE.length()));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** {@code node} on the PATH; without it a developer's run is skipped, CI's fails. */
    private static String requireNode() {
        Optional<Path> node = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "node"))
                .filter(Files::isExecutable)
                .findFirst();
        if (node.isPresent()) {
            return node.get().toString();
        }
        String reason = "the Node conformance targets need Node.js 18+ ('node' on the PATH; .ci/run installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI must run the Node conformance tests, but " + reason + " and there is none");
        }
        Assumptions.abort(reason + ": there is none on this machine");
        return null;
    }

    /** {@code npm ci} from the committed lockfile, once, when node_modules is missing. */
    private static synchronized void installPackages(Path project) {
        if (Files.isDirectory(project.resolve("node_modules"))) {
            return;
        }
        String hint = "run 'npm ci' in " + project + " (the npm registry must be reachable) or '.ci/run'";
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(project.toFile())
                    .redirectErrorStream(true).start();
            byte[] output = npm.getInputStream().readAllBytes();
            if (!npm.waitFor(NPM_CI_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("node_modules is missing and 'npm ci' failed: " + hint + "\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("node_modules is missing and npm could not be run (" + e.getMessage() + "): " + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running npm ci", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    @Override
    public String toString() {
        return system.id() + " Node conformance target at " + url;
    }
}
