package dev.deployverify.systems.wcagaii.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.junit.LoadCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LoadResult;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * T+30 "Run load test (5 VUs, 5 minutes)" as a closed model: each virtual user scans a small HTML document again a
 * think time (loadThinkMs, 1 s) after the previous scan answered, bounded by the environment's loadSeconds and
 * loadRequests (staging: the pre-deploy profile, 10 VUs for 60 s). The checklist sets no pass mark for the load
 * test, so it is held to the T+5 numbers (error rate < 1%, p95 < 2 s), client-observed. Scans are read-only. One
 * run for the class; both checks read it.
 */
@WcagaiiCheck
@DisplayName("WCAGAII: load test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WcagaiiLoadChecks {

    private final SystemUnderTest sut;
    private final WcagaiiClient api;
    private final LatencyEvidence evidence;
    private LoadResult run;

    WcagaiiLoadChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new WcagaiiClient(sut);
        this.evidence = new LatencyEvidence(sut);
    }

    @BeforeAll
    void scanWithVirtualUsers() throws JsonProcessingException {
        String apiKey = sut.requireCredential("apiKey");
        int users = sut.target().intThreshold("loadUsers");
        String body = new ObjectMapper().writeValueAsString(Map.of("type", "html", "input", WcagaiiPerformanceChecks.PROBE_HTML));
        HttpRequest.Builder scan = HttpRequest.newBuilder(sut.target().url("scan")).header(api.apiKeyHeader(), apiKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        String label = "POST " + sut.target().path("scan");
        run = Allure.step(users + " virtual users scanning with " + label, () ->
                sut.loadGenerator().closedModel(label, scan, sut.target().intThreshold("warmupRequests"), users,
                        Duration.ofMillis(sut.target().intThreshold("loadThinkMs")),
                        Duration.ofSeconds(sut.target().intThreshold("loadSeconds")), sut.target().intThreshold("loadRequests")));
    }

    @LoadCheck
    @Verifies("WCAG-13.1")
    @DisplayName("Run load test (5 VUs, 5 minutes by default): error rate < 1% of the virtual users' scans")
    void errorRateUnderLoad() {
        double budget = sut.target().threshold("errorRatePercent");
        evidence.attachLoad(run, sut.target().threshold("p95Ms"));
        assertThat(run.sample()).hasAtLeastSamples(sut.target().intThreshold("loadUsers")).hasErrorRateBelow(budget);
    }

    @LoadCheck
    @Verifies("WCAG-13.1")
    @DisplayName("Run load test (5 VUs, 5 minutes by default): p95 < 2s of the virtual users' scans")
    void p95UnderLoad() {
        double budget = sut.target().threshold("p95Ms");
        evidence.attachLoad(run, budget);
        assertThat(run.sample()).hasAtLeastSamples(sut.target().intThreshold("loadUsers")).hasPercentileBelow(95, budget);
    }
}
