package dev.deployverify.checks.ywmessaging;

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
 * Phase 2 "Latency within expected range", "No spike in error rate" and Phase 3 "API Latency p50/p95/p99":
 * client-observed latency of a public and an authenticated endpoint, sampled once for the class, each request
 * timed around the call after a discarded warm-up. Each check attaches the percentile chart; the p95 is also held
 * to this environment's stored baseline.
 */
@YwMessagingCheck
@DisplayName("YWMessaging: latency and error rate")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YwPerformanceChecks {

    private final SystemUnderTest sut;
    private final LatencyEvidence evidence;
    private List<LatencySample> samples;

    YwPerformanceChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.evidence = new LatencyEvidence(sut);
    }

    @BeforeAll
    void sample() {
        String token = new YwMessagingClient(sut).loginAsTestAdmin();
        int warmup = sut.target().intThreshold("warmupRequests");
        int count = sut.target().intThreshold("latencySamples");
        LatencySampler sampler = sut.latencySampler();
        samples = List.of(
                Allure.step("Sample GET /health (" + count + " requests)", () -> sampler.sample("GET " + sut.target().path("health"),
                        HttpRequest.newBuilder(sut.target().url("health")), warmup, count)),
                Allure.step("Sample GET conversations (" + count + " requests)", () -> sampler.sample(
                        "GET " + sut.target().path("conversations"),
                        HttpRequest.newBuilder(URI.create(sut.target().url("conversations") + "?page=1&limit=20"))
                                .header("Authorization", "Bearer " + token), warmup, count)));
    }

    @PerformanceCheck
    @Verifies({"YW-10.6", "YW-13.1"})
    @DisplayName("Latency within expected range (< 500ms p95)")
    void p95() {
        assertPercentile(95, "p95Ms");
        samples.forEach(sample -> evidence.assertP95WithinBaseline("p95", sample));
    }

    @PerformanceCheck
    @Verifies("YW-13.1")
    @DisplayName("API Latency p50 within target (< 200ms)")
    void p50() {
        assertPercentile(50, "p50Ms");
    }

    @PerformanceCheck
    @Verifies("YW-13.1")
    @DisplayName("API Latency p99 within target (< 1000ms)")
    void p99() {
        assertPercentile(99, "p99Ms");
    }

    @PerformanceCheck
    @Verifies({"YW-10.5", "YW-13.2"})
    @DisplayName("No spike in error rate (should be < 0.1%)")
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
