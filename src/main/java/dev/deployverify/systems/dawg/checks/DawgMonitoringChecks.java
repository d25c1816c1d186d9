package dev.deployverify.systems.dawg.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.perf.LatencySampler;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * Monitoring verification "Error rate < 1%" and "Job queue processing normally", and the success metrics
 * "P95 response time < 200ms", "Error rate < 1%" and "Queue size < 10": read-only. Latency is client-observed,
 * sampled once for the class after a discarded warm-up.
 */
@DawgCheck
@DisplayName("DAWG AI: monitoring and success metrics")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DawgMonitoringChecks {

    private final SystemUnderTest sut;
    private final LatencyEvidence evidence;
    private final List<LatencySample> samples = new ArrayList<>();

    DawgMonitoringChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.evidence = new LatencyEvidence(sut);
    }

    @BeforeAll
    void sample() {
        int warmup = sut.target().intThreshold("warmupRequests");
        int count = sut.target().intThreshold("latencySamples");
        LatencySampler sampler = sut.latencySampler();
        samples.add(Allure.step("Sample GET /health (" + count + " requests)", () ->
                sampler.sample("GET " + sut.target().path("health"), HttpRequest.newBuilder(sut.target().url("health")), warmup, count)));
        sut.target().setting("testUserId").ifPresent(userId -> {
            HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(sut.target().url("conversations") + "?limit=20&offset=0&userId="
                    + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8))).header("x-user-id", userId);
            sut.target().credential("testToken").ifPresent(token -> list.header("Authorization", "Bearer " + token));
            samples.add(Allure.step("Sample GET conversations (" + count + " requests)", () ->
                    sampler.sample("GET " + sut.target().path("conversations"), list, warmup, count)));
        });
    }

    @PerformanceCheck
    @Verifies("DAWG-23.1")
    @DisplayName("P95 response time < 200ms (API response time: GET /health and the conversation list)")
    void p95ResponseTime() {
        double budget = sut.target().threshold("p95Ms");
        for (LatencySample sample : samples) {
            evidence.attach(sample, 95, budget);
            assertThat(sample).hasAtLeastSamples(sut.target().intThreshold("latencySamples")).hasPercentileBelow(95, budget);
        }
        samples.forEach(sample -> evidence.assertP95WithinBaseline("p95", sample));
    }

    @PerformanceCheck
    @Verifies({"DAWG-16.4", "DAWG-23.2"})
    @DisplayName("Error rate < 1% (over the sampled API requests)")
    void errorRate() {
        double budget = sut.target().threshold("errorRatePercent");
        for (LatencySample sample : samples) {
            sut.reportFigure(sample.label() + " error rate", sample.errorRatePercent(), "%",
                    sample.errors() + " of " + sample.count() + " requests, budget " + budget + " %");
            assertThat(sample).hasErrorRateBelow(budget);
        }
    }

    @InfraCheck
    @Verifies({"DAWG-16.6", "DAWG-23.7"})
    @DisplayName("Queue size < 10 (Job queue processing normally: waiting + active + delayed from GET /api/generate/queue/stats)")
    void queueSize() {
        Answer stats = Answer.expect(new DawgClient(sut).queueStats(), 200);
        Map<String, Object> counts = stats.object("");
        assertThat(counts).as("queue stats").containsKeys("waiting", "active", "completed", "failed", "delayed");
        long queued = 0;
        for (String key : List.of("waiting", "active", "delayed")) {
            queued += stats.number(key).longValue();
        }
        assertThat(queued).as("queue size (waiting + active + delayed), expected < %d (stats: %s)",
                sut.target().intThreshold("queueMaxJobs"), counts).isLessThan(sut.target().intThreshold("queueMaxJobs"));
    }
}
