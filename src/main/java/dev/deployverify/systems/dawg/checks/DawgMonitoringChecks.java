package dev.deployverify.systems.dawg.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.verify.LatencyVerification;
import dev.deployverify.verify.Verify;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Monitoring verification "Error rate < 1%" and "Job queue processing normally", and the success metrics
 * "P95 response time < 200ms", "Error rate < 1%" and "Queue size < 10": read-only. Latency is client-observed,
 * sampled once for the class after a discarded warm-up.
 */
@DawgCheck
@DisplayName("DAWG AI: monitoring and success metrics")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DawgMonitoringChecks {

    private final LatencyVerification latency;
    private final List<LatencySample> samples = new ArrayList<>();

    DawgMonitoringChecks(LatencyVerification latency) {
        this.latency = latency;
    }

    @BeforeAll
    void sample(DawgClient api) {
        samples.add(latency.get("health").sample());
        api.target().setting("testUserId").ifPresent(userId -> samples.add(
                latency.request("GET " + api.path("conversations"), api.conversationListRequest(userId)).sample()));
    }

    @PerformanceCheck
    @Verifies("DAWG-23.1")
    @DisplayName("P95 response time < 200ms (API response time: GET /health and the conversation list)")
    void p95ResponseTime() {
        latency.percentileWithin(95, "p95Ms", samples);
        latency.p95WithinBaseline("p95", samples);
    }

    @PerformanceCheck
    @Verifies({"DAWG-16.4", "DAWG-23.2"})
    @DisplayName("Error rate < 1% (over the sampled API requests)")
    void errorRate() {
        latency.errorRateWithin("errorRatePercent", samples);
    }

    @InfraCheck
    @Verifies({"DAWG-16.6", "DAWG-23.7"})
    @DisplayName("Queue size < 10 (Job queue processing normally: waiting + active + delayed from GET /api/generate/queue/stats)")
    void queueSize(DawgClient api) {
        Answer stats = Verify.that(api.queueStats()).hasStatus(200).answer();
        Map<String, Object> counts = stats.object("");
        assertThat(counts).as("queue stats").containsKeys("waiting", "active", "completed", "failed", "delayed");
        long queued = 0;
        for (String key : List.of("waiting", "active", "delayed")) {
            queued += stats.number(key).longValue();
        }
        int max = api.thresholds().count("queueMaxJobs");
        assertThat(queued).as("queue size (waiting + active + delayed), expected < %d (stats: %s)", max, counts).isLessThan(max);
    }
}
