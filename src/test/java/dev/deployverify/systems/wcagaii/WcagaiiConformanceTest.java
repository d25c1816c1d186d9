package dev.deployverify.systems.wcagaii;

import dev.deployverify.selftest.support.ConformanceRuns;
import dev.deployverify.systems.wcagaii.checks.WcagaiiChecks;
import dev.deployverify.security.SsrfPayloads;
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
 * WCAGAII's checks against its Node conformance target (express 4, helmet, cors, zod, prom-client, express-rate-limit
 * per API key), twice in a row; and each target fault turns its check red.
 */
class WcagaiiConformanceTest {

    @TempDir
    Path dir;

    @Test
    void twoConsecutiveRunsOfEveryCheckAreGreenAgainstTheRealStack() throws IOException {
        try (NodeConformanceTarget target = NodeConformanceTarget.start(NodeConformanceTarget.NodeSystem.WCAGAII, dir)) {
            ConformanceRuns.assertTwoGreenRuns(target, "wcagaii", WcagaiiChecks.ALL);
        }
    }

    static Stream<Arguments> faults() {
        // The numeric spellings of loopback, through the URL route and the bulk route: one red row each.
        List<String> numericBypass = SsrfPayloads.family("numeric-ip").stream()
                .flatMap(p -> Stream.of("OWASP test cases (POST /api/scan type url answers 403 SSRF_PROTECTION): " + p,
                        "for bulk scans (POST /api/scan/bulk answers 403 SSRF_PROTECTION): " + p))
                .toList();
        return Stream.of(
                arguments("no-rate-limit", WcagaiiChecks.EDGE, List.of("Rate limiting configured and tested", "Rate limiting verified")),
                arguments("metrics-frozen", WcagaiiChecks.METRICS, List.of("Prometheus metrics endpoint tested")),
                arguments("ssrf-numeric-bypass", WcagaiiChecks.SSRF, numericBypass),
                arguments("no-correlation-id", WcagaiiChecks.SCAN_FLOW, List.of("Structured logging implemented with trace IDs")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachFaultOfTheTargetTurnsItsCheckRed(String fault, Class<?> checks, List<String> expectedRed) throws IOException {
        try (NodeConformanceTarget target = NodeConformanceTarget.start(NodeConformanceTarget.NodeSystem.WCAGAII, dir, fault)) {
            ConformanceRuns.assertFaultCaught(target, "wcagaii", fault, expectedRed, checks);
        }
    }
}
