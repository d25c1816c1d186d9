package dev.deployverify.selftest.ywmessaging;

import dev.deployverify.checks.ywmessaging.YwMessagingChecks;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
                fault("slow-conversations", YwMessagingChecks.PERFORMANCE,
                        "Latency within expected range (< 500ms p95)"),
                fault("stalling-conversations", YwMessagingChecks.PERFORMANCE,
                        "API Latency p99"),
                fault("server-errors", YwMessagingChecks.PERFORMANCE,
                        "No spike in error rate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, Class<?> checks, List<String> expectedRed) {
        CheckRun.Outcome outcome = CheckRun.againstReference("ywmessaging." + fault).run(checks);

        outcome.assertExactlyRed(fault, expectedRed);
    }

    private static Arguments fault(String name, Class<?> checks, String... expectedRed) {
        return Arguments.of(name, checks, List.of(expectedRed));
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
