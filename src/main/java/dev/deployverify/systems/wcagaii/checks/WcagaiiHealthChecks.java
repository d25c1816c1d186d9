package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;

import static org.assertj.core.api.Assertions.assertThat;

/** T-0 / T+5 "health checks pass" and the rollback trigger "Health check failing": the health trio. */
@WcagaiiCheck
@DisplayName("WCAGAII: health")
class WcagaiiHealthChecks {

    private final WcagaiiClient api;

    WcagaiiHealthChecks(SystemUnderTest sut) {
        this.api = new WcagaiiClient(sut);
    }

    @SmokeCheck
    @Verifies({"WCAG-11.1", "WCAG-12.1", "WCAG-18.3", "WCAG-22.1"})
    @DisplayName("Production health checks pass (GET /health 200, status healthy, browser pool ready)")
    void healthIsHealthy() {
        Response response = api.get("health");
        assertThat(response.<String>path("status")).as("GET /health .status (HTTP %d)", response.statusCode()).isEqualTo("healthy");
        assertThat(response.statusCode()).as("GET /health status").isEqualTo(200);
        assertThat(response.<Boolean>path("puppeteerReady")).as("GET /health .puppeteerReady").isTrue();
        assertThat(response.<Integer>path("browserPool.poolSize")).as("GET /health .browserPool.poolSize").isPositive();
    }

    @SmokeCheck
    @Verifies({"WCAG-11.1", "WCAG-12.1", "WCAG-18.3"})
    @DisplayName("Production health checks pass: readiness (GET /health/ready is ready)")
    void ready() {
        Response response = api.get("ready");
        assertThat(response.statusCode()).as("GET /health/ready status (body: %s)", response.asString()).isEqualTo(200);
        assertThat(response.<Boolean>path("ready")).as("GET /health/ready .ready").isTrue();
    }

    @SmokeCheck
    @Verifies({"WCAG-11.1", "WCAG-12.1", "WCAG-18.3"})
    @DisplayName("Production health checks pass: liveness (GET /health/live is alive)")
    void live() {
        Response response = api.get("live");
        assertThat(response.statusCode()).as("GET /health/live status (body: %s)", response.asString()).isEqualTo(200);
        assertThat(response.<Boolean>path("alive")).as("GET /health/live .alive").isTrue();
    }
}
