package dev.deployverify.systems.dawg;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import dev.deployverify.selftest.support.RealServers;
import dev.deployverify.selftest.support.ConformanceRuns;
import dev.deployverify.systems.dawg.checks.DawgChecks;
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
 * DAWG AI's checks against its Node conformance target (express 4, socket.io 4 on the same server with a 500 ms ping,
 * helmet), twice in a row; and each target fault turns its check red.
 */
@ResourceLock(value = RealServers.BROWSER_CPU, mode = ResourceAccessMode.READ)
class DawgConformanceTest {

    private static final Class<?>[] EVERY_CHECK = Stream.concat(Stream.of(DawgChecks.ALL), Stream.of(DawgChecks.INFRA))
            .toArray(Class<?>[]::new);

    @TempDir
    Path dir;

    @Test
    void twoConsecutiveRunsOfEveryCheckAreGreenAgainstTheRealStack() throws IOException {
        try (NodeConformanceTarget target = NodeConformanceTarget.start(NodeConformanceTarget.NodeSystem.DAWG, dir)) {
            ConformanceRuns.assertTwoGreenRuns(target, "dawg", EVERY_CHECK);
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                arguments("ws-lag", DawgChecks.WEBSOCKET_LATENCY, List.of("Latency < 100ms (WebSocket")),
                arguments("ws-drop", DawgChecks.WEBSOCKET_STABILITY, List.of("WebSocket connections stable", "Disconnection rate < 5%")),
                arguments("chat-not-streamed", DawgChecks.CHAT, List.of("Response streamed via WebSocket")),
                arguments("signed-url-never-expires", DawgChecks.GENERATION, List.of("Signed URL expires")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachFaultOfTheTargetTurnsItsCheckRed(String fault, Class<?> checks, List<String> expectedRed) throws IOException {
        try (NodeConformanceTarget target = NodeConformanceTarget.start(NodeConformanceTarget.NodeSystem.DAWG, dir, fault)) {
            ConformanceRuns.assertFaultCaught(target, "dawg", fault, expectedRed, checks);
        }
    }
}
