package dev.deployverify.run;

import dev.deployverify.systems.Systems;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.SystemTarget;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Before any check: waits, bounded by the environment's readiness timeout, until every system answers its
 * readiness path (setting {@code readinessPath}, default {@code /health}) with 2xx and, when an expected version is
 * given, reports that version. A deploy still rolling out is then not mistaken for a broken one. A target that
 * never answers at all, or never serves the expected version, makes its checks inconclusive (they cannot verify
 * this deployment); one that answers but stays unhealthy is checked, and its checks fail with the details.
 */
public final class Readiness {

    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a host name that does not resolve is retried (DNS of a fresh deploy may lag a little). */
    private static final Duration UNRESOLVED_HOST_WAIT = Duration.ofSeconds(10);
    /** A wait of up to minutes says what it is waiting for, so a quiet console is not mistaken for a hang. */
    private static final Duration PROGRESS = Duration.ofSeconds(10);

    private Readiness() {
    }

    /**
     * @param expectedVersions system -> version it must report; key "*" applies to every system
     * @return system -> one sentence, for each system that did not become ready (empty when all did)
     */
    public static Map<String, String> await(Environment environment, Map<String, String> expectedVersions) {
        long deadline = System.nanoTime() + environment.timeouts().readiness().toNanos();
        HttpClient client = HttpSpecs.jdkClient(environment.timeouts().connect());
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        for (SystemTarget target : environment.systems().values()) {
            String expected = expectedVersions.getOrDefault(target.name(), expectedVersions.get("*"));
            awaitOne(client, target, expected, environment, deadline).ifPresent(p -> problems.put(target.name(), p));
        }
        return problems;
    }

    private static Optional<String> awaitOne(HttpClient client, SystemTarget target, String expectedVersion,
                                             Environment environment, long deadline) {
        String path = readinessPath(target);
        URI uri = URI.create(target.baseUrl() + path);
        String last = "no answer yet";
        long started = System.nanoTime();
        long lastReport = started;
        // One line as the wait starts (a wait of up to minutes must not look like a hang); then progress every 10 s.
        System.out.println("[deploy-verify] " + target.name() + ": waiting for GET " + path + " to answer 2xx"
                + (expectedVersion == null ? "" : " and report version " + expectedVersion) + ", at most "
                + Math.max(0, Math.round((deadline - started) / 1e9)) + " s");
        boolean unresolved = false;
        boolean answered = false; // an HTTP answer of any status: the service is up, whatever it says
        while (true) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(environment.timeouts().request()).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    if (expectedVersion == null) {
                        return Optional.empty();
                    }
                    String version = DeployedVersion.read(target, environment.timeouts());
                    if (expectedVersion.equals(version)) {
                        return Optional.empty();
                    }
                    last = "it serves version " + version + ", expected " + expectedVersion;
                    answered = true;
                } else {
                    last = "GET " + path + " answered " + response.statusCode();
                    answered = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(target.name() + ": interrupted while waiting for readiness");
            } catch (javax.net.ssl.SSLException e) {
                // The target answers, with a certificate this JVM refuses: waiting will not change that, and the
                // checks (the TLS check first) report it as the finding it is.
                return Optional.empty();
            } catch (java.net.ConnectException e) {
                last = "GET " + path + " failed: connection refused or unreachable";
            } catch (Exception e) {
                if (isUnknownHost(e)) {
                    // A name that does not resolve is a wrong URL or a missing DNS record far more often than a
                    // rollout in progress: say so after a short wait instead of the whole readiness timeout.
                    last = target.baseUrl().getHost() + " does not resolve (check the environment's baseUrl)";
                    unresolved = true;
                    deadline = Math.min(deadline, started + UNRESOLVED_HOST_WAIT.toNanos());
                } else {
                    last = "GET " + path + " failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage());
                }
            }
            if (System.nanoTime() - lastReport > PROGRESS.toNanos()) {
                lastReport = System.nanoTime();
                System.out.println("[deploy-verify] waiting for " + target.name() + " to become ready ("
                        + (lastReport - started) / 1_000_000_000 + " s of at most "
                        + environment.timeouts().readiness().toSeconds() + " s): " + last);
            }
            if (System.nanoTime() + POLL.toNanos() > deadline) {
                if (answered && expectedVersion == null) {
                    // Up but reporting unhealthy after the whole wait: that is a broken deployment, not an
                    // unverifiable one; the checks run and say exactly what is wrong.
                    return Optional.empty();
                }
                // The deadline is shared by every system: the wait stated is the readiness timeout, or the short
                // wait for a host that does not resolve.
                long waited = unresolved ? Math.round((System.nanoTime() - started) / 1e9)
                        : environment.timeouts().readiness().toSeconds();
                return Optional.of(target.name() + " did not become ready within " + waited + " s: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis()); // polling interval of a bounded wait, not a guess at timing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(target.name() + ": interrupted while waiting for readiness");
            }
        }
    }

    private static boolean isUnknownHost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String readinessPath(SystemTarget target) {
        try {
            return target.setting("readinessPath").orElse("/health");
        } catch (IllegalArgumentException noSuchSetting) {
            return "/health";
        }
    }

    /**
     * Parses {@code -Dexpect.version}: "1.4.2" for every system, or "<system>=1.4.2,<other system>=2.0.0". A typo is one
     * line, never a silently ignored expectation: a gate that waits for no version would pass the old deployment.
     */
    public static Map<String, String> parseExpectedVersions(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        String trimmed = text.trim();
        if (!trimmed.contains("=")) {
            requireVersion(trimmed, trimmed);
            return Map.of("*", trimmed);
        }
        Map<String, String> versions = new java.util.LinkedHashMap<>();
        for (String pair : trimmed.split(",", -1)) {
            String[] kv = pair.split("=", -1);
            if (kv.length != 2) {
                throw new EnvironmentException("-Dexpect.version=" + trimmed + ": '" + pair.trim()
                        + "' is not system=version (e.g. " + Systems.names().get(0) + "=1.4.2)");
            }
            String system = kv[0].trim();
            if (!Systems.names().contains(system)) {
                throw new EnvironmentException("-Dexpect.version=" + trimmed + ": unknown system '" + system
                        + "' (known: " + String.join(", ", Systems.names()) + ")");
            }
            requireVersion(kv[1].trim(), trimmed);
            if (versions.put(system, kv[1].trim()) != null) {
                throw new EnvironmentException("-Dexpect.version=" + trimmed + ": " + system + " is given twice");
            }
        }
        return versions;
    }

    private static void requireVersion(String version, String whole) {
        if (!version.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            throw new EnvironmentException("-Dexpect.version=" + whole + ": '" + version
                    + "' is not a version (letters, digits, '.', '-', '+', '_')");
        }
    }
}
