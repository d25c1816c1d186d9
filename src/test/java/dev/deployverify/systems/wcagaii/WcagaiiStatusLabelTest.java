package dev.deployverify.systems.wcagaii;

import dev.deployverify.systems.wcagaii.checks.WcagaiiChecks;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observed: the server-side error-rate check read /metrics filtered on the label {@code status_code}, while the
 * service labels it {@code status}, so it could never see a 5xx and passed. A stand-in that answers every scan 500
 * and labels its request histogram {@code status}: the server-side checks must not pass; they are inconclusive
 * naming the label they looked for and the labels the series carry, until the environment names the right one.
 */
class WcagaiiStatusLabelTest {

    private static final String FAMILY = "wcagai_http_request_duration_seconds";

    private final AtomicInteger scans = new AtomicInteger();
    private ReferenceServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = ReferenceServer.start(config -> {
            config.routes.get("/health/live", ctx -> ctx.json(java.util.Map.of("alive", true)));
            config.routes.post("/api/scan", ctx -> {
                scans.incrementAndGet();
                ctx.status(500).json(java.util.Map.of("error", "Internal Server Error", "message", "Something went wrong"));
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics()));
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** prom-client's exposition of the request histogram, labelled {method, route, status}. */
    private String metrics() {
        int n = scans.get();
        String labels = "method=\"POST\",route=\"/api/scan\",status=\"500\"";
        return "# HELP " + FAMILY + " Duration of HTTP requests in seconds\n"
                + "# TYPE " + FAMILY + " histogram\n"
                + FAMILY + "_bucket{le=\"0.1\"," + labels + "} " + n + "\n"
                + FAMILY + "_bucket{le=\"1\"," + labels + "} " + n + "\n"
                + FAMILY + "_bucket{le=\"+Inf\"," + labels + "} " + n + "\n"
                + FAMILY + "_sum{" + labels + "} " + (n * 0.002) + "\n"
                + FAMILY + "_count{" + labels + "} " + n + "\n";
    }

    @Test
    void aStatusFilterOnALabelNoSeriesCarriesIsInconclusiveNotAPass() throws IOException {
        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(environment("apiKeyHeader: X-API-Key")).run(WcagaiiChecks.PERFORMANCE);

        assertThat(outcome.passed()).as("server-side checks passing while every scan answered 500 (%s)", outcome).isEmpty();
        assertThat(outcome.failed()).as("server-side checks (%s)", outcome).hasSize(2)
                .allSatisfy((check, message) -> assertThat(message).startsWith("Inconclusive")
                        .contains("status_code").contains("status").contains("method").contains("route")
                        .contains("metricsStatusLabel"));
    }

    @Test
    void withTheServicesLabelNamedTheErrorsAreSeen() throws IOException {
        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(environment("metricsStatusLabel: status"))
                .run(WcagaiiChecks.PERFORMANCE);

        assertThat(outcome.failed()).as("server-side checks (%s)", outcome)
                .hasEntrySatisfying(outcome.failed().keySet().stream().filter(k -> k.startsWith("Error rate")).findFirst().orElse("Error rate"),
                        message -> assertThat(message).contains("11 of 11 requests answered 5xx"));
        assertThat(outcome.passed()).as("checks passing while every scan answered 500 (%s)", outcome).isEmpty();
    }

    private Path environment(String setting) throws IOException {
        Path env = dir.resolve("wcagaii-status-label.yaml");
        Files.writeString(env, """
                description: a WCAGAII stand-in labelling its request histogram 'status' (selftest only)
                reference: true
                mutatingChecks: true
                timeouts:
                  connectSeconds: 1
                  requestSeconds: 2
                  flowSeconds: 2
                  readinessSeconds: 5
                systems:
                  wcagaii:
                    baseUrl: %s
                    credentials:
                      apiKey: ${reference.wcagaii.apiKey}   # the stand-in takes any key
                    thresholds:
                      latencySamples: 10
                      warmupRequests: 1
                    settings:
                      %s
                """.formatted(server.url(), setting));
        return env;
    }
}
