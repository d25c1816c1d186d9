package dev.deployverify.systems.sp404;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import dev.deployverify.systems.sp404.checks.Sp404Checks;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The healthy reference passes every check of this system. Each of its faults turning exactly its checks red is
 * proven by FaultDetectionTest, from the detection cases in the system's fault enum.
 */
@ResourceLock(value = RealServers.BROWSER_CPU, mode = ResourceAccessMode.READ_WRITE)
class Sp404ReferenceTest {

    @Test
    void healthyReferencePassesEveryCheck() {
        RealServers.requireChromium();
        CheckRun.Outcome outcome = CheckRun.againstReference().run(Sp404Checks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.skipped()).as("checks skipped against the healthy reference").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSize(51);
    }

    @Test
    void deploymentAnsweringNothingRightTurnsEveryCheckRed(@TempDir Path dir) throws IOException {
        RealServers.requireChromium();
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
                          allowedOrigin: https://sp404.reference.invalid
                    """.formatted(broken.url()));

            CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(environment).run(Sp404Checks.ALL);

            assertThat(outcome.passed()).as("checks passing against a deployment that answers 503 to everything").isEmpty();
            assertThat(outcome.skipped()).as("only integration steps after the failed first one are skipped, naming it")
                    .hasSize(9)
                    .allSatisfy((check, reason) -> assertThat(reason).contains("which failed"));
            assertThat(outcome.failed()).as("checks red").hasSize(42);
            outcome.assertFailureMessagesAreClear();
        }
    }

}
