package dev.deployverify.systems.muejam.checks;

import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.perf.LatencySampler;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * "Deployment Metrics to Monitor": error rate, p95 and p99, client-observed on the health endpoint and the story
 * list (authenticated, one database query per page), sampled once for the class after a discarded warm-up; and
 * "Rollback if degrades by 50%": the p95 against the baseline this environment stored for the previous deployment.
 */
@MuejamCheck
@DisplayName("MueJam Library: response time and error rate")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MuejamPerformanceChecks {

    private final SystemUnderTest sut;
    private final LatencyEvidence evidence;
    private List<LatencySample> samples;

    MuejamPerformanceChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.evidence = new LatencyEvidence(sut);
    }

    @BeforeAll
    void sample() {
        String token = new MuejamClient(sut).readerToken();
        int warmup = sut.target().intThreshold("warmupRequests");
        int count = sut.target().intThreshold("latencySamples");
        LatencySampler sampler = sut.latencySampler();
        samples = List.of(
                Allure.step("Sample GET /health (" + count + " requests)", () -> sampler.sample("GET " + sut.target().path("health"),
                        HttpRequest.newBuilder(sut.target().url("health")), warmup, count)),
                Allure.step("Sample GET stories (" + count + " requests)", () -> sampler.sample(
                        "GET " + sut.target().path("stories"),
                        HttpRequest.newBuilder(URI.create(sut.target().url("stories") + "?page_size=20"))
                                .header("Authorization", "Bearer " + token), warmup, count)));
    }

    @PerformanceCheck
    @Verifies("MUE-19.2")
    @DisplayName("Response Time: p95 < 500ms")
    void p95() {
        assertPercentile(95, "p95Ms");
    }

    @PerformanceCheck
    @Verifies("MUE-19.2")
    @DisplayName("Response Time: Rollback if degrades by 50% (p95 against this environment's baseline from the previous deployment)")
    void p95AgainstBaseline() {
        for (LatencySample sample : samples) {
            evidence.attach(sample, 95, sut.target().threshold("p95Ms"));
            evidence.assertP95WithinBaseline("p95", sample);
        }
    }

    @PerformanceCheck
    @Verifies("MUE-19.2")
    @DisplayName("Response Time: p99 < 1000ms")
    void p99() {
        assertPercentile(99, "p99Ms");
    }

    @PerformanceCheck
    @Verifies("MUE-19.1")
    @DisplayName("Error Rate: Should be < 1%")
    void errorRate() {
        double budget = sut.target().threshold("errorRatePercent");
        for (LatencySample sample : samples) {
            sut.reportFigure(sample.label() + " error rate", sample.errorRatePercent(), "%",
                    sample.errors() + " of " + sample.count() + " requests, budget " + budget + " %");
            assertThat(sample).hasErrorRateBelow(budget);
        }
    }

    private void assertPercentile(double percentile, String thresholdKey) {
        double budget = sut.target().threshold(thresholdKey);
        for (LatencySample sample : samples) {
            evidence.attach(sample, percentile, budget);
            assertThat(sample).hasAtLeastSamples(sut.target().intThreshold("latencySamples")).hasPercentileBelow(percentile, budget);
        }
    }
}
