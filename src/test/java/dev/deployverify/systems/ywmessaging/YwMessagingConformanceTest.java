package dev.deployverify.systems.ywmessaging;

import dev.deployverify.selftest.support.ConformanceRuns;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.selftest.support.NodeConformanceTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * YWMessaging's checks against its Node conformance target (express 4, socket.io 4 on the same server, helmet, cors,
 * express-rate-limit with the real limits: 50 per IP on all of /api, 100 per IP and per user, auth failures), twice in
 * a row; and each target fault turns its check red.
 */
class YwMessagingConformanceTest {

    private static final Class<?>[] EVERY_CHECK = Stream.concat(Stream.of(YwMessagingChecks.ALL), Stream.of(YwMessagingChecks.INFRA))
            .toArray(Class<?>[]::new);

    @TempDir
    Path dir;

    @Test
    void twoConsecutiveRunsOfEveryCheckAreGreenAgainstTheRealStack() throws IOException {
        try (NodeConformanceTarget target = NodeConformanceTarget.start(NodeConformanceTarget.NodeSystem.YWMESSAGING, dir)) {
            ConformanceRuns.assertTwoGreenRuns(target, "ywmessaging", EVERY_CHECK);
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                arguments("health-degraded", YwMessagingChecks.HEALTH, List.of("Verify detailed health check",
                        "Database connection successful (health/detailed", "All critical services responding")),
                arguments("ws-no-auth", YwMessagingChecks.FLOW, List.of("WebSocket refuses a socket.io connection without a token")),
                arguments("ws-silent", YwMessagingChecks.FLOW, List.of("socket.io handshake, connect with token, 'connected' event",
                        "a sent message reaches the tenant room as 'message:sent'")),
                arguments("webhook-signature-ignored", YwMessagingChecks.WEBHOOKS, List.of("Webhooks (Stripe) handling correctly: a forged",
                        "Webhooks (Telnyx) handling correctly: a forged", "Webhooks (Telnyx) handling correctly: a timestamp older")),
                arguments("leaky-401", YwMessagingChecks.AUTH, List.of("Protected route without a token", "Protected route with an invalid token")),
                arguments("no-rate-limit-headers", YwMessagingChecks.EDGE, List.of("Rate limiting active on /api")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachFaultOfTheTargetTurnsItsCheckRed(String fault, Class<?> checks, List<String> expectedRed) throws IOException {
        try (NodeConformanceTarget target = NodeConformanceTarget.start(NodeConformanceTarget.NodeSystem.YWMESSAGING, dir, fault)) {
            ConformanceRuns.assertFaultCaught(target, "ywmessaging", fault, expectedRed, checks);
        }
    }
}
