package dev.deployverify.selftest.trust;

import com.sun.net.httpserver.HttpsServer;
import dev.deployverify.checks.dawg.DawgChecks;
import dev.deployverify.checks.ywmessaging.YwMessagingChecks;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.HostileServer;
import dev.deployverify.selftest.support.TlsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targets that misbehave the way real ones do: each makes the affected checks fail, or the run inconclusive, with a
 * message naming the checklist item and what went wrong, and the whole run of two systems' checks stays bounded.
 * YWMessaging and DAWG AI (HTTP, socket.io, asynchronous jobs, latency sampling) are both pointed at the hostile
 * target; their credentials come from the reference deployment so that no check is skipped for want of one.
 */
class HostileTargetTest {

    /** local.yaml's timeouts halved: the bound below is derived from them. */
    private static final int CONNECT_SECONDS = 1;
    private static final int REQUEST_SECONDS = 2;
    private static final int FLOW_SECONDS = 2;
    private static final int READINESS_SECONDS = 2;
    /**
     * The whole run of both systems' ~60 checks against one hostile target: each check may spend a few request
     * timeouts, never a sample count of them. Generous for a loaded 2-core machine, far below a hang.
     */
    private static final Duration RUN_BOUND = Duration.ofSeconds(90);

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
            "HTML_ERROR_PAGE_200", "REDIRECT_LOOP", "WEBSOCKET_NEVER_UPGRADES"})
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

    /** Runs both systems' checks against the target and asserts the run took no longer than the bound. */
    private CheckRun.Outcome runAgainst(String url) throws IOException {
        Path env = dir.resolve("hostile.yaml");
        Files.writeString(env, """
                description: a hostile target on loopback
                reference: true
                mutatingChecks: true
                timeouts:
                  connectSeconds: %d
                  requestSeconds: %d
                  flowSeconds: %d
                  readinessSeconds: %d
                systems:
                  ywmessaging:
                    baseUrl: %s
                    credentials:
                      email: ${reference.ywmessaging.email}
                      password: ${reference.ywmessaging.password}
                      stripeWebhookSecret: ${reference.ywmessaging.stripeWebhookSecret}
                      telnyxPrivateKey: ${reference.ywmessaging.telnyxPrivateKey}
                    settings:
                      testMemberId: ${reference.ywmessaging.testMemberId}
                      allowedOrigin: https://app.ywmessaging.com
                  dawg:
                    baseUrl: %s
                    credentials:
                      testToken: ${reference.dawg.testToken}
                    thresholds:
                      wsHoldSeconds: 2
                    settings:
                      testUserId: ${reference.dawg.testUserId}
                """.formatted(CONNECT_SECONDS, REQUEST_SECONDS, FLOW_SECONDS, READINESS_SECONDS, url, url));
        long start = System.nanoTime();
        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(env).run(CHECKS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("hostile target %s: run took %d ms; %s%n", url, took.toMillis(), outcome);
        assertThat(took).as("wall time of the run against %s (%s)", url, outcome).isLessThan(RUN_BOUND);
        return outcome;
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
