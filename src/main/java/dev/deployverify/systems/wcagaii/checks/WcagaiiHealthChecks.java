package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.HealthVerification;
import org.junit.jupiter.api.DisplayName;

/** T-0 / T+5 "health checks pass" and the rollback trigger "Health check failing": the health trio. */
@WcagaiiCheck
@DisplayName("WCAGAII: health")
class WcagaiiHealthChecks {

    @SmokeCheck
    @Verifies({"WCAG-11.1", "WCAG-12.1", "WCAG-18.3", "WCAG-22.1"})
    @DisplayName("Production health checks pass (GET /health 200, status healthy, browser pool ready)")
    void healthIsHealthy(HealthVerification health) {
        health.endpoint("health").hasField("status", "healthy").hasStatus(200).hasField("puppeteerReady", true)
                .hasPositiveField("browserPool.poolSize");
    }

    @SmokeCheck
    @Verifies({"WCAG-11.1", "WCAG-12.1", "WCAG-18.3"})
    @DisplayName("Production health checks pass: readiness (GET /health/ready is ready)")
    void ready(HealthVerification health) {
        health.up("ready", "ready", true);
    }

    @SmokeCheck
    @Verifies({"WCAG-11.1", "WCAG-12.1", "WCAG-18.3"})
    @DisplayName("Production health checks pass: liveness (GET /health/live is alive)")
    void live(HealthVerification health) {
        health.up("live", "alive", true);
    }
}
