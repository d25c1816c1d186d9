package dev.deployverify.selftest.trust;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import dev.deployverify.selftest.support.RealServers;
import com.sun.net.httpserver.HttpsServer;
import dev.deployverify.systems.dawg.checks.DawgChecks;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.HostileServer;
import dev.deployverify.selftest.support.LauncherRun;
import dev.deployverify.selftest.support.TlsTestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targets that misbehave the way real ones do: each makes the affected checks fail, or the run inconclusive, with a
 * message naming the checklist item and what went wrong, and the whole run of two systems' checks stays bounded.
 * YWMessaging and DAWG AI (HTTP, socket.io, asynchronous jobs, latency sampling) are both pointed at the hostile
 * target; their credentials are given as a CI gives a real deployment's, in the run's process environment (made up
 * for each run, valid in form: an Ed25519 key, a whsec_ secret, uuids), so that no check is skipped for want of one.
 * No reference deployment is started: nothing of it would be used.
 *
 * <p>Each run goes through a real JUnit Platform launcher in a JVM of its own, as failsafe runs the checks (Allure's
 * listener and fixture extension on), and its console stays quiet and honest (issue "Evidence you can sign", item 5):
 * a line per system while readiness is awaited and a line per check class, nothing else; fewer than
 * {@value #CONSOLE_LINES} lines (the verdict's own lines come after, from the verdict gate); no stack trace, no
 * library's internals, in the console or in any check's message.
 */
@ResourceLock(value = RealServers.BROWSER_CPU, mode = ResourceAccessMode.READ)
class HostileTargetTest {

    /**
     * Short timeouts of the hostile runs' own (local.yaml's are 2, 5, 5, 5 s): every request to a target that answers
     * slowly or never costs connect + request (its deadline), every awaited event a flow timeout, and the bound below
     * is derived from them. A second over plain HTTP on loopback. Over TLS, two: the JDK client's connect timeout
     * covers the handshake, and a check JVM's first handshakes on a busy machine took over a second (seen: readiness
     * timing out on connects alone, with the suite's tests in parallel). Readiness leaves room for a second attempt
     * after a timed-out first one, so that a target that answers /health is never taken for one that did not become
     * ready.
     */
    private static final double TIMEOUT_SECONDS = 1;
    private static final int READINESS_SECONDS = 3;
    private static final double TLS_TIMEOUT_SECONDS = 2;
    private static final int TLS_READINESS_SECONDS = 6;
    /**
     * The whole run of both systems' ~60 checks against one hostile target: each check may spend a few request
     * timeouts, never a sample count of them. Generous for a loaded 2-core machine, far below a hang.
     */
    private static final Duration RUN_BOUND = Duration.ofSeconds(90);

    /** The check run's console budget: under 40 lines with the verdict gate's (about 12) after it. */
    private static final int CONSOLE_LINES = 28;
    /** A stack frame or a chained cause, as a logger or printStackTrace writes them. */
    private static final Pattern STACK_TRACE_LINE = Pattern.compile("^(\\s+at |\\s*Caused by: |\\s*\\.\\.\\. \\d+ more)");
    /** A package-qualified stack frame inside a message (a throwable quoted whole). */
    private static final Pattern QUOTED_FRAME = Pattern.compile("\\bat (?:[\\w$]+\\.){2,}[\\w$<>]+\\((?:[\\w$]+\\.java:\\d+|Native Method|Unknown Source)\\)");
    /** The HTTP and JSON libraries' own wording: a check's message says what the target did, not how a library failed. */
    private static final Pattern LIBRARY_INTERNALS = Pattern.compile(
            "RestAssured|io\\.restassured|Parser\\.|groovy|jackson|XmlPath|JsonPath|org\\.apache\\.http|qameta");

    private static final Class<?>[] CHECKS = Stream.concat(Stream.of(YwMessagingChecks.ALL), Stream.of(DawgChecks.ALL))
            .toArray(Class<?>[]::new);

    @TempDir
    Path dir;

    @Test
    void aPortThatRefusesConnectionsMakesTheRunInconclusive() throws IOException {
        CheckRun.Outcome outcome = runAgainst("http://127.0.0.1:" + HostileServer.refusedPort());

        assertInconclusive(outcome, "Connect");
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersMakesTheRunInconclusive() throws IOException {
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.ACCEPT_AND_NEVER_ANSWER)) {
            assertInconclusive(runAgainst(server.url()), "Timeout");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = HostileServer.Behaviour.class, names = {"SLOW_BYTE_BY_BYTE", "INVALID_JSON",
            "HTML_ERROR_PAGE_200", "REDIRECT_LOOP", "WEBSOCKET_NEVER_UPGRADES", "EMPTY_200", "BODY_50_MB"})
    void aServerThatAnswersBadlyFailsTheAffectedChecksClearly(HostileServer.Behaviour behaviour) throws IOException {
        try (HostileServer server = new HostileServer(behaviour)) {
            CheckRun.Outcome outcome = runAgainst(server.url());

            assertFailedClearly(outcome, behaviour.toString());
            assertThat(outcome.failed()).as("health and socket.io checks red (%s)", outcome)
                    .containsKey("Health check returns 200 OK (GET /health)")
                    .containsKey("WebSocket connection successful (socket.io at /socket.io/?EIO=4&transport=websocket: handshake and namespace connect)");
        }
    }

    @Test
    void aSelfSignedCertificateFailsTheChecksAsUntrusted() throws Exception {
        HttpsServer server = TlsTestServer.start(dir, "-validity", "365");
        try {
            CheckRun.Outcome outcome = runAgainst("https://127.0.0.1:" + server.getAddress().getPort());

            assertFailedClearly(outcome, "self-signed certificate");
            assertThat(outcome.failed().values()).as("messages of the red checks")
                    .anySatisfy(message -> assertThat(message).contains("trust of the certificate of 127.0.0.1"))
                    .anySatisfy(message -> assertThat(message).containsIgnoringCase("certificat"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anExpiredCertificateFailsTheTlsCheckNamingTheExpiry() throws Exception {
        HttpsServer server = TlsTestServer.start(dir, "-startdate", "-60d", "-validity", "30");
        try {
            CheckRun.Outcome outcome = runAgainst("https://127.0.0.1:" + server.getAddress().getPort());

            assertFailedClearly(outcome, "expired certificate");
            assertThat(outcome.failed()).as("TLS check red (%s)", outcome)
                    .hasEntrySatisfying("SSL certificates valid (not expiring within 30 days)",
                            message -> assertThat(message).contains("expire"));
        } finally {
            server.stop(0);
        }
    }

    /**
     * Runs both systems' checks against the target and asserts the run took no longer than the bound. The thresholds
     * that set how much a check sends (latency samples, WebSocket hold, load duration) are a selftest's, as in
     * EvidenceIntegrityTest: against a hostile target each request shows the same misbehaviour, and a sample of 10
     * meets the 3-timeouts-in-a-row stop as a sample of 200 would.
     */
    private CheckRun.Outcome runAgainst(String url) throws IOException {
        boolean tls = url.startsWith("https:");
        double timeout = tls ? TLS_TIMEOUT_SECONDS : TIMEOUT_SECONDS;
        Path env = dir.resolve("hostile.yaml");
        Files.writeString(env, """
                description: a hostile target on loopback
                reference: false
                mutatingChecks: true
                timeouts:
                  connectSeconds: %s
                  requestSeconds: %s
                  flowSeconds: %s
                  readinessSeconds: %d
                systems:
                  ywmessaging:
                    baseUrl: %s
                    credentials:
                      email: ${HOSTILE_YW_EMAIL}
                      password: ${HOSTILE_YW_PASSWORD}
                      stripeWebhookSecret: ${HOSTILE_YW_STRIPE_WEBHOOK_SECRET}
                      telnyxPrivateKey: ${HOSTILE_YW_TELNYX_PRIVATE_KEY}
                    settings:
                      testMemberId: %s
                      allowedOrigin: https://app.ywmessaging.com
                    thresholds:
                      latencySamples: 10
                      warmupRequests: 1
                  dawg:
                    baseUrl: %s
                    credentials:
                      testToken: ${HOSTILE_DAWG_TEST_TOKEN}
                    thresholds:
                      wsHoldSeconds: 1
                      loadSeconds: 1
                      latencySamples: 10
                      warmupRequests: 1
                    settings:
                      testUserId: deploy-verify-hostile
                """.formatted(timeout, timeout, timeout, tls ? TLS_READINESS_SECONDS : READINESS_SECONDS, url, UUID.randomUUID(), url));
        CheckRun run = CheckRun.againstEnvironmentFile(env)
                .withEnvironmentVariable("HOSTILE_YW_EMAIL", "admin-" + secret(4).toLowerCase(Locale.ROOT) + "@hostile.invalid")
                .withEnvironmentVariable("HOSTILE_YW_PASSWORD", "pw-" + secret(12))
                .withEnvironmentVariable("HOSTILE_YW_STRIPE_WEBHOOK_SECRET", "whsec_" + secret(24))
                .withEnvironmentVariable("HOSTILE_YW_TELNYX_PRIVATE_KEY", ed25519PrivateKey())
                .withEnvironmentVariable("HOSTILE_DAWG_TEST_TOKEN", secret(24));
        LauncherRun.Result result = run.runThroughLauncher(CHECKS);
        Duration took = result.took();
        CheckRun.Outcome outcome = result.outcome();
        System.out.printf("hostile target %s: run took %d ms, console %d lines; %s%n", url, took.toMillis(),
                result.console().size(), outcome);
        assertThat(took).as("wall time of the run against %s (%s)", url, outcome).isLessThan(RUN_BOUND);
        assertQuietConsole(result, url);
        return outcome;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Base64 PKCS#8, as a Telnyx test key is given (YWMessaging's webhook checks sign with it). */
    private static String ed25519PrivateKey() {
        try {
            return Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /**
     * What a person at the console saw: a readiness line per system, a progress line per check class, nothing else;
     * no stack trace and no library internals there or in any check's message.
     */
    private static void assertQuietConsole(LauncherRun.Result run, String url) {
        String console = run.consoleText();
        assertThat(run.console()).as("console of the run against %s:%n%s", url, console)
                .hasSizeLessThan(CONSOLE_LINES)
                .allSatisfy(line -> assertThat(line).as("a console line").startsWith("[deploy-verify] ")
                        .doesNotContainPattern(STACK_TRACE_LINE).doesNotContainPattern(LIBRARY_INTERNALS));
        for (String system : new String[]{"ywmessaging", "dawg"}) {
            assertThat(run.console()).as("readiness line of %s in:%n%s", system, console)
                    .filteredOn(line -> line.startsWith("[deploy-verify] " + system + ": waiting for GET /health"))
                    .hasSize(1);
        }
        for (Class<?> checks : CHECKS) {
            String name = checks.getAnnotation(DisplayName.class).value();
            assertThat(run.console()).as("progress line of %s in:%n%s", name, console)
                    .filteredOn(line -> line.startsWith("[deploy-verify] " + name + "  ")).hasSize(1)
                    .allSatisfy(line -> assertThat(line).containsPattern("\\d+ passed, \\d+ failed, (\\d+ inconclusive, )?\\d+ skipped"));
        }
        Map<String, String> messages = new TreeMap<>(run.outcome().failed());
        messages.putAll(run.outcome().skipped());
        messages.forEach((check, message) -> assertThat(message).as("message of '%s' against %s", check, url)
                .doesNotContainPattern(QUOTED_FRAME).doesNotContainPattern(LIBRARY_INTERNALS));
    }

    /** Readiness never succeeded: no check ran, each says why, and none passed. */
    private static void assertInconclusive(CheckRun.Outcome outcome, String cause) {
        assertThat(outcome.passed()).as("checks passing against a target that never answered").isEmpty();
        assertThat(outcome.failed()).as("checks failing rather than being inconclusive").isEmpty();
        assertThat(outcome.skipped()).as("checks left out, with the reason").isNotEmpty()
                .allSatisfy((check, reason) -> assertThat(reason).startsWith("inconclusive: ")
                        .contains("did not become ready within " + READINESS_SECONDS + " s").containsIgnoringCase(cause));
    }

    /** Red checks, each with a one-line message that names its checklist item and what was expected or went wrong. */
    private static void assertFailedClearly(CheckRun.Outcome outcome, String target) {
        assertThat(outcome.failed()).as("checks red against %s", target).isNotEmpty();
        outcome.failed().forEach((check, message) -> {
            assertThat(message).as("message of '%s' names the checklist item", check).contains(check);
            assertThat(message).as("message of '%s' is one line", check).doesNotContain("\n");
            assertThat(message).as("message of '%s' says what was expected or could not complete", check)
                    .containsAnyOf("expect", "Expect", "could not complete", "inconclusive");
        });
    }
}
