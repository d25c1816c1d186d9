package dev.deployverify.selftest.perf;

import dev.deployverify.env.Timeouts;
import dev.deployverify.perf.Baselines;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.perf.LatencySampler;
import dev.deployverify.selftest.support.HostileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;

import static dev.deployverify.perf.PerfAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A latency sample proves something only about the answers the check wanted: a fast 404 is not a fast endpoint.
 * Wrong answers are counted and named, never timed into a percentile, and a sample of them never becomes a baseline.
 */
@Isolated // a wall-time bound on sampling against a server that never answers
class LatencyIntegrityTest {

    private static LatencySample sample(int ok, int notFound) {
        LatencySample sample = new LatencySample("GET /api/chat/conversations");
        for (int i = 0; i < ok; i++) {
            sample.record(150_000, "200", false);
        }
        for (int i = 0; i < notFound; i++) {
            sample.record(1_000, "404", true);
        }
        return sample;
    }

    /** Observed: a latency check passed on a route that answered only 404. */
    @Test
    void aSampleOfWrongAnswersFailsItsPercentileNamingTheStatusThatCame() {
        LatencySample only404 = sample(0, 100);

        assertThatThrownBy(() -> assertThat(only404).hasPercentileBelow(95, 200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/chat/conversations")
                .hasMessageContaining("expected")
                .hasMessageContaining("404=100");
        assertThatThrownBy(() -> assertThat(only404).hasAtLeastSamples(100))
                .hasMessageContaining("100 of 100").hasMessageContaining("404=100");
    }

    @Test
    void percentilesCountOnlyTheExpectedAnswers() {
        // 97 slow good answers and 3 instant 404s: the 404s must not make the endpoint look faster.
        LatencySample mixed = sample(97, 3);

        assertThat(mixed.percentileMs(50)).isGreaterThanOrEqualTo(149);
        assertThat(mixed.count()).as("requests, wrong answers included (the error rate's denominator)").isEqualTo(100);
        assertThat(mixed.errors()).isEqualTo(3);
        assertThat(mixed).hasAtLeastSamples(100).hasPercentileBelow(95, 200);
        // A minority of wrong answers is the error-rate check's finding; a majority establishes no percentile.
        assertThatThrownBy(() -> assertThat(sample(40, 60)).hasPercentileBelow(95, 200))
                .hasMessageContaining("60 of 100").hasMessageContaining("404=60");
    }

    /** Observed: the timings of those 404s were stored as the performance baseline. */
    @Test
    void aSampleOfWrongAnswersNeverBecomesABaseline(@TempDir Path reports) {
        Baselines baselines = new Baselines(reports);

        assertThatThrownBy(() -> baselines.put("dawg / p95 / GET /api/chat/conversations", sample(0, 100), "1.0.0"))
                .hasMessageContaining("404=100");
        assertThat(baselines.get("dawg / p95 / GET /api/chat/conversations")).isEmpty();
    }

    /** The general rule "sampling stops after a few consecutive timeouts", for HTTP sampling. */
    @Test
    void samplingStopsAfterThreeTimeoutsInARow() throws Exception {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.ACCEPT_AND_NEVER_ANSWER)) {
            long start = System.nanoTime();
            LatencySample sample = new LatencySampler(timeouts).sample("GET /health",
                    HttpRequest.newBuilder(URI.create(server.url() + "/health")), 5, 100);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("100 samples against a server that never answers, 300 ms timeout").isLessThan(Duration.ofSeconds(3));
            assertThat(sample.stoppedEarlyReason()).contains("3 timeouts in a row");
            assertThatThrownBy(() -> assertThat(sample).hasAtLeastSamples(100)).hasMessageContaining("timeout");
        }
    }
}
