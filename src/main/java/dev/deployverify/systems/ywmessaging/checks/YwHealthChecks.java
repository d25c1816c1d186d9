package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;

import static org.assertj.core.api.Assertions.assertThat;

/** Phase 2 "Deployment Process" and "Immediate Post-Deployment Checks": the health endpoints. */
@YwMessagingCheck
@DisplayName("YWMessaging: health")
class YwHealthChecks {

    private final YwMessagingClient api;

    YwHealthChecks(SystemUnderTest sut) {
        this.api = new YwMessagingClient(sut);
    }

    @SmokeCheck
    @Verifies({"YW-9.3", "YW-31.1", "YW-6.2"})
    @DisplayName("Verify health check endpoint returns 200 (GET /health, status ok)")
    void healthReturns200() {
        Response response = api.get("health");
        assertThat(response.statusCode()).as("GET /health status").isEqualTo(200);
        assertThat(response.<String>path("status")).as("GET /health .status").isEqualTo("ok");
    }

    @SmokeCheck
    @Verifies({"YW-9.4", "YW-31.2"})
    @DisplayName("Verify detailed health check (GET /health/detailed reports healthy)")
    void detailedHealthIsHealthy() {
        Response response = api.get("healthDetailed");
        assertThat(response.<String>path("status")).as("GET /health/detailed .status (HTTP %d)", response.statusCode())
                .isEqualTo("healthy");
        assertThat(response.statusCode()).as("GET /health/detailed status").isEqualTo(200);
    }

    @SmokeCheck
    @Verifies("YW-10.2")
    @DisplayName("Database connection successful (health/detailed checks.database is ok)")
    void databaseConnectionSuccessful() {
        assertDependencyOk("database");
    }

    @SmokeCheck
    @Verifies("YW-10.3")
    @DisplayName("Redis connection successful (health/detailed checks.redis is ok)")
    void redisConnectionSuccessful() {
        assertDependencyOk("redis");
    }

    @SmokeCheck
    @Verifies({"YW-10.4", "YW-31.3", "YW-6.1"})
    @DisplayName("All critical services responding (ready probe: GET /ready, served at /health/ready)")
    void readyProbe() {
        Response response = api.get("ready");
        assertThat(response.statusCode()).as("GET /health/ready status (body: %s)", response.asString()).isEqualTo(200);
        assertThat(response.<Boolean>path("ready")).as("GET /health/ready .ready").isTrue();
    }

    @SmokeCheck
    @Verifies("YW-10.1")
    @DisplayName("Application starts without errors (liveness: GET /health/live is alive)")
    void livenessProbe() {
        Response response = api.get("live");
        assertThat(response.statusCode()).as("GET /health/live status").isEqualTo(200);
        assertThat(response.<Boolean>path("alive")).as("GET /health/live .alive").isTrue();
        assertThat(response.<Number>path("uptime")).as("GET /health/live .uptime").isNotNull();
    }

    private void assertDependencyOk(String dependency) {
        Response response = api.get("healthDetailed");
        assertThat(response.<String>path("checks." + dependency))
                .as("GET /health/detailed .checks.%s (HTTP %d, status %s)", dependency, response.statusCode(),
                        response.<String>path("status"))
                .isEqualTo("ok");
    }
}
