package dev.deployverify.systems.dawg.checks;

import dev.deployverify.junit.LoadCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LoadResult;
import dev.deployverify.verify.LoadVerification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

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

    private final LoadVerification load;
    private LoadResult run;

    DawgLoadChecks(LoadVerification load) {
        this.load = load;
    }

    @BeforeAll
    void loadTheConversationList(DawgClient api) {
        String userId = api.sut().requireSetting("testUserId", "the synthetic user whose conversation list is loaded");
        run = load.run("GET " + api.path("conversations"), api.conversationListRequest(userId));
    }

    @LoadCheck
    @Verifies("DAWG-17.1")
    @DisplayName("API handles concurrent requests (100 concurrent users by default: error rate < 1% on the conversation list)")
    void apiHandlesConcurrentRequests() {
        load.errorRateWithin(run);
    }

    @LoadCheck
    @Verifies("DAWG-17.4")
    @DisplayName("Response times within SLA (under load: p95 < 200ms on the conversation list)")
    void responseTimesWithinSla() {
        load.p95Within(run);
    }
}
