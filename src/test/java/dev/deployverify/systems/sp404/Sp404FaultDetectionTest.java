package dev.deployverify.systems.sp404;

import dev.deployverify.systems.sp404.checks.Sp404Checks;
import dev.deployverify.systems.sp404.reference.Sp404Reference;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SP-404 check goes red against the reference deployment with the matching fault, and only the checks that
 * fault concerns go red; the healthy reference passes everything; and a deployment that answers nothing right turns
 * every check red (or, for a later integration step, skipped naming the step that failed), so no check can pass
 * whatever the deployment does.
 */
class Sp404FaultDetectionTest {

    @Test
    void healthyReferencePassesEveryCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(Sp404Checks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.skipped()).as("checks skipped against the healthy reference").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSize(35);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("analysis-never-completes", List.of(Sp404Checks.AUDIO, Sp404Checks.PERFORMANCE),
                        "Audio features extracted (BPM, key)", "Sample analysis < 10 seconds"),
                fault("analysis-wrong-bpm", List.of(Sp404Checks.AUDIO),
                        "Audio features extracted (BPM, key)"),
                fault("padconf-wrong-size", List.of(Sp404Checks.INTEGRATION),
                        "Verify PADCONF.BIN format: the file is exactly 52,000 bytes"),
                fault("padconf-wrong-bpm", List.of(Sp404Checks.INTEGRATION),
                        "Verify PADCONF.BIN format: project tempo mode"),
                fault("padconf-wrong-name", List.of(Sp404Checks.INTEGRATION),
                        "Verify PADCONF.BIN format: the project name"),
                fault("padconf-wrong-pad-names", List.of(Sp404Checks.INTEGRATION),
                        "Verify PADCONF.BIN format: the pad file names"),
                fault("zip-missing-files", List.of(Sp404Checks.INTEGRATION),
                        "Download project files: a zip with PADCONF.BIN", "Verify PADCONF.BIN format: the pad file names"),
                fault("samples-not-48k", List.of(Sp404Checks.INTEGRATION, Sp404Checks.AUDIO),
                        "Download project files: every sample in the zip is a 48 kHz 16-bit WAV", "Export to SP-404 format works"),
                fault("collection-add-ignored", List.of(Sp404Checks.INTEGRATION),
                        "Add samples to collection"),
                fault("kit-assign-ignored", List.of(Sp404Checks.INTEGRATION),
                        "Build kit from collection"),
                fault("project-export-fails", List.of(Sp404Checks.INTEGRATION),
                        "Generate SP-404 project"),
                fault("ws-closes-early", List.of(Sp404Checks.AUDIO, Sp404Checks.PERFORMANCE),
                        "AI vibe analysis completes", "WebSocket latency < 200ms"),
                fault("assets-missing", List.of(Sp404Checks.WEB_UI, Sp404Checks.PERFORMANCE),
                        "No broken images or assets", "Homepage loads < 2 seconds"),
                fault("slow-home-page", List.of(Sp404Checks.PERFORMANCE),
                        "Homepage loads < 2 seconds"),
                fault("slow-api", List.of(Sp404Checks.PERFORMANCE),
                        "API requests < 500ms"),
                fault("health-down", List.of(Sp404Checks.API),
                        "GET /health returns 200"),
                fault("wrong-password-accepted", List.of(Sp404Checks.API),
                        "API endpoints respond correctly: login with a wrong password is refused with 401"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, List<Class<?>> checks, List<String> expectedRed) {
        CheckRun.Outcome outcome = CheckRun.againstReference("sp404." + fault).run(checks.toArray(Class<?>[]::new));

        outcome.assertExactlyRed(fault, expectedRed);
    }

    @Test
    void everyFaultIsProvenHere() {
        Set<String> proven = faults().map(arguments -> (String) arguments.get()[0]).collect(Collectors.toSet());

        assertThat(proven).as("faults with a selftest above").isEqualTo(Sp404Reference.FAULTS.keySet());
    }

    @Test
    void deploymentAnsweringNothingRightTurnsEveryCheckRed(@TempDir Path dir) throws IOException {
        try (ReferenceServer broken = ReferenceServer.start(config -> config.routes.before(ctx -> {
            ctx.status(503).json(Map.of("detail", "Service Unavailable"));
            ctx.skipRemainingHandlers();
        }))) {
            Path environment = dir.resolve("broken.yaml");
            Files.writeString(environment, """
                    description: an SP-404 deployment that answers 503 to everything
                    reference: true
                    mutatingChecks: true
                    timeouts: {connectSeconds: 2, requestSeconds: 2, flowSeconds: 2, readinessSeconds: 5}
                    systems:
                      sp404:
                        baseUrl: %s
                        credentials:
                          email: ${reference.sp404.email}
                          password: ${reference.sp404.password}
                        settings:
                          aiVibeAnalysis: enabled
                    """.formatted(broken.url()));

            CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(environment).run(Sp404Checks.ALL);

            assertThat(outcome.passed()).as("checks passing against a deployment that answers 503 to everything").isEmpty();
            assertThat(outcome.skipped()).as("only integration steps after the failed first one are skipped, naming it")
                    .hasSize(9)
                    .allSatisfy((check, reason) -> assertThat(reason).contains("which failed"));
            assertThat(outcome.failed()).as("checks red").hasSize(26);
            outcome.assertFailureMessagesAreClear();
        }
    }

    private static Arguments fault(String name, List<Class<?>> checks, String... expectedRed) {
        return Arguments.of(name, checks, List.of(expectedRed));
    }
}
