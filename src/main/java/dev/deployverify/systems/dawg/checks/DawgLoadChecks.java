package dev.deployverify.systems.dawg.checks;

import dev.deployverify.junit.LoadCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LoadResult;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * "10. Load Testing (T+30 minutes)": "Load testing completed (100 concurrent users)" as a closed model, each user
 * listing conversations again a think time (loadThinkMs, 1 s) after the previous list answered, bounded by the
 * environment's loadSeconds and loadRequests (production: 10 users for 10 s). Read-only. One run for the class;
 * both checks read it.
 */
@DawgCheck
@DisplayName("DAWG AI: load testing")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DawgLoadChecks {

    private final SystemUnderTest sut;
    private final LatencyEvidence evidence;
    private LoadResult run;

    DawgLoadChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.evidence = new LatencyEvidence(sut);
    }

    @BeforeAll
    void loadTheConversationList() {
        String userId = sut.requireSetting("testUserId", "the synthetic user whose conversation list is loaded");
        int users = sut.target().intThreshold("loadUsers");
        HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(sut.target().url("conversations") + "?limit=20&offset=0&userId="
                + URLEncoder.encode(userId, StandardCharsets.UTF_8))).header("x-user-id", userId);
        sut.target().credential("testToken").ifPresent(token -> list.header("Authorization", "Bearer " + token));
        run = Allure.step(users + " concurrent users on GET " + sut.target().path("conversations"), () ->
                sut.loadGenerator().closedModel("GET " + sut.target().path("conversations"), list,
                        sut.target().intThreshold("warmupRequests"), users, Duration.ofMillis(sut.target().intThreshold("loadThinkMs")),
                        Duration.ofSeconds(sut.target().intThreshold("loadSeconds")), sut.target().intThreshold("loadRequests")));
    }

    @LoadCheck
    @Verifies("DAWG-17.1")
    @DisplayName("API handles concurrent requests (100 concurrent users by default: error rate < 1% on the conversation list)")
    void apiHandlesConcurrentRequests() {
        double budget = sut.target().threshold("errorRatePercent");
        evidence.attachLoad(run, sut.target().threshold("p95Ms"));
        assertThat(run.sample()).hasAtLeastSamples(sut.target().intThreshold("loadUsers")).hasErrorRateBelow(budget);
    }

    @LoadCheck
    @Verifies("DAWG-17.4")
    @DisplayName("Response times within SLA (under load: p95 < 200ms on the conversation list)")
    void responseTimesWithinSla() {
        double budget = sut.target().threshold("p95Ms");
        evidence.attachLoad(run, budget);
        assertThat(run.sample()).hasAtLeastSamples(sut.target().intThreshold("loadUsers")).hasPercentileBelow(95, budget);
    }
}
