package dev.deployverify.evidence;

import dev.deployverify.env.Environment;
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

    private Readiness() {
    }

    /**
     * @param expectedVersions system -> version it must report; key "*" applies to every system
     * @return system -> one sentence, for each system that did not become ready (empty when all did)
     */
    public static Map<String, String> await(Environment environment, Map<String, String> expectedVersions) {
        long deadline = System.nanoTime() + environment.timeouts().readiness().toNanos();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(environment.timeouts().connect()).build();
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
            } catch (Exception e) {
                last = "GET " + path + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            if (System.nanoTime() + POLL.toNanos() > deadline) {
                if (answered && expectedVersion == null) {
                    // Up but reporting unhealthy after the whole wait: that is a broken deployment, not an
                    // unverifiable one; the checks run and say exactly what is wrong.
                    return Optional.empty();
                }
                return Optional.of(target.name() + " did not become ready within "
                        + environment.timeouts().readiness().toSeconds() + " s: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis()); // polling interval of a bounded wait, not a guess at timing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(target.name() + ": interrupted while waiting for readiness");
            }
        }
    }

    private static String readinessPath(SystemTarget target) {
        try {
            return target.setting("readinessPath").orElse("/health");
        } catch (IllegalArgumentException noSuchSetting) {
            return "/health";
        }
    }

    /** Parses {@code -Dexpect.version}: "1.4.2" for every system, or "ywmessaging=1.4.2,dawg=2.0.0". */
    public static Map<String, String> parseExpectedVersions(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        if (!text.contains("=")) {
            return Map.of("*", text.trim());
        }
        Map<String, String> versions = new java.util.LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && !kv[0].isBlank()) {
                versions.put(kv[0].trim(), kv[1].trim());
            }
        }
        return versions;
    }
}
