package dev.deployverify.systems.muejam.checks;

import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.verify.LatencyVerification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

/**
 * "Deployment Metrics to Monitor": error rate, p95 and p99, client-observed on the health endpoint and the story
 * list (authenticated, one database query per page), sampled once for the class after a discarded warm-up; and
 * "Rollback if degrades by 50%": the p95 against the baseline this environment stored for the previous deployment.
 */
@MuejamCheck
@DisplayName("MueJam Library: response time and error rate")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MuejamPerformanceChecks {

    private final LatencyVerification latency;
    private List<LatencySample> samples;

    MuejamPerformanceChecks(LatencyVerification latency) {
        this.latency = latency;
    }

    @BeforeAll
    void sample(MuejamClient api) {
        String token = api.readerToken();
        samples = List.of(latency.get("health").sample(), latency.get("stories").query("page_size=20").bearer(token).sample());
    }

    @PerformanceCheck
    @Verifies("MUE-19.2")
    @DisplayName("Response Time: p95 < 500ms")
    void p95() {
        latency.percentileWithin(95, "p95Ms", samples);
    }

    @PerformanceCheck
    @Verifies("MUE-19.2")
    @DisplayName("Response Time: Rollback if degrades by 50% (p95 against this environment's baseline from the previous deployment)")
    void p95AgainstBaseline() {
        samples.forEach(sample -> latency.attach(sample, 95, "p95Ms"));
        latency.p95WithinBaseline("p95", samples);
    }

    @PerformanceCheck
    @Verifies("MUE-19.2")
    @DisplayName("Response Time: p99 < 1000ms")
    void p99() {
        latency.percentileWithin(99, "p99Ms", samples);
    }

    @PerformanceCheck
    @Verifies("MUE-19.1")
    @DisplayName("Error Rate: Should be < 1%")
    void errorRate() {
        latency.errorRateWithin("errorRatePercent", samples);
    }
}
