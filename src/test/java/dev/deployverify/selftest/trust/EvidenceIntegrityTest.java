package dev.deployverify.selftest.trust;

import dev.deployverify.systems.dawg.checks.DawgChecks;
import dev.deployverify.systems.muejam.checks.MuejamChecks;
import dev.deployverify.systems.sp404.checks.Sp404Checks;
import dev.deployverify.systems.wcagaii.checks.WcagaiiChecks;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.perf.Baselines;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.HostileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing passes or vanishes by accident: each case is a failure observed against a real deployment, replayed
 * against the reference (or a loopback server misbehaving the same way). A latency check must not pass on wrong
 * answers nor store them as a baseline; a probe the server never acknowledges must end within seconds as
 * inconclusive; an unexpected status or body must fail naming the request and what came, never as an exception.
 */
class EvidenceIntegrityTest {

    private static final String P95_CHECK = "P95 response time < 200ms";
    private static final String WS_LATENCY_CHECK = "Latency < 100ms";

    @TempDir
    Path dir;

    /** Observed: a latency check passed on a route that answered only 404, and stored those timings as the baseline. */
    @Test
    void aLatencyCheckOnARouteThatAnswers404FailsAndStoresNoBaseline() throws IOException {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path env = environment("""
                    dawg:
                      baseUrl: ${reference.dawg.url}
                      credentials:
                        testToken: ${reference.dawg.testToken}
                      paths:
                        conversations: /api/chat/no-such-route
                      thresholds:
                        latencySamples: 20
                        warmupRequests: 2
                      settings:
                        testUserId: ${reference.dawg.testUserId}
                """);

        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(env).with("reports.dir", reports.toString()).run(DawgChecks.MONITORING);

        assertThat(outcome.failed()).as("monitoring checks red (%s)", outcome)
                .hasEntrySatisfying(outcome.failed().keySet().stream().filter(k -> k.startsWith(P95_CHECK)).findFirst().orElse(P95_CHECK),
                        message -> assertThat(message).contains("GET /api/chat/no-such-route").contains("404").contains("expected"));
        Baselines baselines = new Baselines(reports);
        assertThat(baselines.get("dawg / p95 / GET /api/chat/no-such-route")).as("baseline stored from 404 answers").isEmpty();
    }

    /**
     * Observed: against a server that acknowledges nothing, the WebSocket latency check waited a request timeout per
     * sample (825 s) to report a p95 of 15,008 ms. It must stop after three timeouts in a row, inconclusive, naming
     * the event and the setting that chooses it.
     */
    @Test
    void aLatencyProbeTheServerNeverAcknowledgesIsInconclusiveWithinSeconds() throws IOException {
        Path env = environment("""
                    dawg:
                      baseUrl: ${reference.dawg.url}
                      credentials:
                        testToken: ${reference.dawg.testToken}
                      settings:
                        testUserId: ${reference.dawg.testUserId}
                        latencyProbeEvent: deploy-verify-unanswered
                """);

        long start = System.nanoTime();
        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(env).run(DawgChecks.WEBSOCKET_LATENCY);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("WebSocket latency check against an unacknowledged event, 2 s request timeout (%s)", outcome)
                .isLessThan(Duration.ofSeconds(20));
        assertThat(outcome.passed()).as("checks passing (%s)", outcome).isEmpty();
        assertThat(outcome.failed()).hasSize(1);
        String message = outcome.failed().values().iterator().next();
        assertThat(message).startsWith("Inconclusive").contains(WS_LATENCY_CHECK)
                .contains("acknowledges no 'deploy-verify-unanswered'").contains("latencyProbeEvent");
    }

    /**
     * Observed: a 404 JSON body where a list was expected gave "NullPointerException: ... Response.path(...) is null".
     * Every system's checks against a server answering 404 to everything but its health: red, each naming what it
     * expected, none through an exception of its own.
     */
    @Test
    void anUnexpected404BodyFailsNamingTheRequestNeverAsAnException() throws IOException {
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.NOT_FOUND_JSON)) {
            Path env = environment(("""
                        ywmessaging:
                          baseUrl: %1$s
                          credentials:
                            email: ${reference.ywmessaging.email}
                            password: ${reference.ywmessaging.password}
                            stripeWebhookSecret: ${reference.ywmessaging.stripeWebhookSecret}
                            telnyxPrivateKey: ${reference.ywmessaging.telnyxPrivateKey}
                          settings:
                            testMemberId: ${reference.ywmessaging.testMemberId}
                            allowedOrigin: https://app.ywmessaging.com
                          thresholds:
                            latencySamples: 10
                            warmupRequests: 1
                        dawg:
                          baseUrl: %1$s
                          credentials:
                            testToken: ${reference.dawg.testToken}
                          thresholds:
                            wsHoldSeconds: 1
                            loadSeconds: 1
                            latencySamples: 10
                            warmupRequests: 1
                          settings:
                            testUserId: ${reference.dawg.testUserId}
                        wcagaii:
                          baseUrl: %1$s
                          credentials:
                            apiKey: ${reference.wcagaii.apiKey}
                            rateLimitApiKey: ${reference.wcagaii.rateLimitApiKey}
                          thresholds:
                            loadSeconds: 1
                            latencySamples: 10
                            warmupRequests: 1
                        muejam:
                          baseUrl: %1$s
                          credentials:
                            jwtSigningSecret: ${reference.muejam.jwtSecret}
                          settings:
                            moderatorUserId: ${reference.muejam.moderatorUserId}
                          thresholds:
                            latencySamples: 10
                            warmupRequests: 1
                        sp404:
                          baseUrl: %1$s
                          credentials:
                            email: ${reference.sp404.email}
                            password: ${reference.sp404.password}
                          thresholds:
                            latencySamples: 10
                            warmupRequests: 1
                    """).formatted(server.url()));
            Class<?>[] checks = Stream.of(YwMessagingChecks.ALL, DawgChecks.ALL, WcagaiiChecks.ALL, MuejamChecks.ALL, Sp404Checks.ALL)
                    .flatMap(Stream::of).toArray(Class<?>[]::new);

            long start = System.nanoTime();
            CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(env).run(checks);
            System.out.printf("404 everywhere: run took %d ms; %s%n", Duration.ofNanos(System.nanoTime() - start).toMillis(), outcome);
            outcome.failed().forEach((check, message) -> System.out.println("  RED " + message));

            assertThat(outcome.failed()).as("checks red against a server answering 404").isNotEmpty();
            outcome.failed().forEach((check, message) -> {
                assertThat(message).as("message of '%s'", check)
                        .doesNotContain("NullPointerException").doesNotContain("ClassCastException")
                        .doesNotContain("JsonPathException").doesNotContain("is null");
                assertThat(message).as("message of '%s' says what was expected", check).containsIgnoringCase("expect");
            });
            assertThat(outcome.failed().values()).as("red checks naming the request, the 404 and its body")
                    .anySatisfy(message -> assertThat(message).containsPattern("(GET|POST) /\\S+").contains("404")
                            .contains("Not Found"));
        }
    }

    /** An environment of the reference deployment with these systems (YAML under {@code systems:}), 2 s timeouts. */
    private Path environment(String systems) throws IOException {
        Path env = dir.resolve("integrity-" + System.nanoTime() + ".yaml");
        Files.writeString(env, """
                description: a replay of an observed failure (selftest only)
                reference: true
                mutatingChecks: true
                timeouts:
                  connectSeconds: 1
                  requestSeconds: 2
                  flowSeconds: 2
                  readinessSeconds: 5
                systems:
                """ + systems);
        return env;
    }
}
