package dev.deployverify.systems.ywmessaging;

import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YWMessaging check goes red against the reference deployment with the matching fault, and only the checks
 * that fault concerns go red. The healthy reference passes everything.
 */
class YwMessagingFaultDetectionTest {

    @Test
    void healthyReferencePassesEveryCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(YwMessagingChecks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSizeGreaterThanOrEqualTo(30);
        assertThat(outcome.skipped()).as("skipped checks and their reasons")
                .containsOnlyKeys("SSL certificates valid (not expiring within 30 days)")
                .allSatisfy((name, reason) -> assertThat(reason).contains("is not https"));
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("health-down", YwMessagingChecks.HEALTH,
                        "Verify health check endpoint returns 200"),
                fault("health-degraded", YwMessagingChecks.HEALTH,
                        "Verify detailed health check", "Database connection successful", "All critical services responding"),
                fault("login-broken", YwMessagingChecks.AUTH,
                        "Auth endpoints working", "Login/logout flow complete", "Login rejects a wrong password"),
                fault("message-not-listed", YwMessagingChecks.FLOW,
                        "Send SMS functionality working"),
                fault("ws-silent", YwMessagingChecks.FLOW,
                        "WebSocket connections working: socket.io handshake", "WebSocket connections working: a sent message"),
                fault("ws-no-auth", YwMessagingChecks.FLOW,
                        "WebSocket refuses a socket.io connection without a token"),
                fault("webhook-signature-ignored", YwMessagingChecks.WEBHOOKS,
                        "(Stripe) handling correctly: a forged signature", "(Telnyx) handling correctly: a forged signature",
                        "(Telnyx) handling correctly: a timestamp older"),
                fault("leaky-401", YwMessagingChecks.AUTH,
                        "Protected route without a token", "Protected route with an invalid token"),
                fault("missing-security-headers", YwMessagingChecks.EDGE,
                        "Security headers present"),
                fault("cors-any-origin", YwMessagingChecks.EDGE,
                        "CORS: a foreign origin"),
                fault("no-rate-limit-headers", YwMessagingChecks.EDGE,
                        "Rate limiting active on /api"),
                // Faults of the conversations route's latency and error rate show in a couple of hundred /api
                // samples: where the deployment's limiter and the environment's budget allow them (RELAXED).
                fault("slow-conversations", YwMessagingChecks.PERFORMANCE,
                        "Latency within expected range (< 500ms p95)").with(RELAXED),
                fault("stalling-conversations", YwMessagingChecks.PERFORMANCE,
                        "API Latency p99").with(RELAXED),
                fault("server-errors", YwMessagingChecks.PERFORMANCE,
                        "No spike in error rate").with(RELAXED))
                .map(Case::arguments);
    }

    /** The reference addressed as a deployment whose /api limiter allows more, with a request budget to match. */
    static final Path RELAXED = Path.of(System.getProperty("basedir", "."), "src/test/resources/selftest/ywmessaging-relaxed-limiter.yaml");

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, Class<?> checks, List<String> expectedRed, Path environment) {
        CheckRun run = environment == null ? CheckRun.againstReference("ywmessaging." + fault)
                : CheckRun.againstEnvironmentFile(environment, "ywmessaging." + fault);
        CheckRun.Outcome outcome = run.run(checks);

        outcome.assertExactlyRed(fault, expectedRed);
    }

    private record Case(String name, Class<?> checks, List<String> expectedRed, Path environment) {
        Case with(Path environment) {
            return new Case(name, checks, expectedRed, environment);
        }

        Arguments arguments() {
            return Arguments.of(name, checks, expectedRed, environment);
        }
    }

    private static Case fault(String name, Class<?> checks, String... expectedRed) {
        return new Case(name, checks, List.of(expectedRed), null);
    }

    @Test
    void unknownFaultIsOneClearLine() {
        CheckRun.Outcome outcome = CheckRun.againstReference("ywmessaging.no-such-fault").run(YwMessagingChecks.HEALTH);

        assertThat(outcome.failed()).isNotEmpty();
        assertThat(outcome.failed().values()).allSatisfy(message ->
                assertThat(message).contains("unknown reference fault ywmessaging.no-such-fault").contains("known:"));
        assertThat(Map.copyOf(outcome.failed())).hasSizeLessThanOrEqualTo(1);
    }
}
