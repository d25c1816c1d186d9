package dev.deployverify.systems.ywmessaging;

import com.sun.net.httpserver.HttpsServer;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.TlsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks driven red by the environment rather than a fault: a stricter p50 budget, and a TLS endpoint on loopback
 * whose certificate is self-signed and expires in 10 days.
 */
class YwThresholdAndTlsTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", "."));

    @TempDir
    Path dir;

    @Test
    void aP50BudgetTheServiceCannotMeetTurnsOnlyTheP50CheckRed() throws IOException {
        String local = Files.readString(PROJECT.resolve("environments/local.yaml"));
        Path strict = dir.resolve("strict.yaml");
        // ywmessaging is the first system of local.yaml: its settings block is the first one.
        Files.writeString(strict, local.replaceFirst(Pattern.quote("    settings:\n"), "    thresholds:\n      p50Ms: 0.001\n    settings:\n"));

        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(strict).run(YwMessagingChecks.PERFORMANCE);

        assertThat(outcome.failed()).containsOnlyKeys("API Latency p50 within target (< 200ms)");
        assertThat(outcome.failed().values()).singleElement().asString()
                .contains("expected p50 < 0.001 ms, measured p50 = ")
                .contains("over 200 answers");
    }

    @Test
    void aCertificateExpiringWithin30DaysAndUntrustedIsReportedWithBothReasons() throws Exception {
        HttpsServer server = TlsTestServer.start(dir, "-validity", "10");
        try {
            Path env = dir.resolve("tls.yaml");
            Files.writeString(env, """
                    description: a TLS endpoint on loopback with a 10-day self-signed certificate
                    timeouts:
                      connectSeconds: 2
                      requestSeconds: 2
                      readinessSeconds: 2
                    systems:
                      ywmessaging:
                        baseUrl: https://127.0.0.1:%d
                    """.formatted(server.getAddress().getPort()));

            CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(env).run(YwMessagingChecks.TLS);

            assertThat(outcome.failed()).containsOnlyKeys("SSL certificates valid (not expiring within 30 days)");
            assertThat(outcome.failed().values()).singleElement().asString()
                    .contains("days until the certificate (CN=127.0.0.1) expires")
                    .contains("must be more than 30")
                    .contains("trust of the certificate of 127.0.0.1");
        } finally {
            server.stop(0);
        }
    }
}
