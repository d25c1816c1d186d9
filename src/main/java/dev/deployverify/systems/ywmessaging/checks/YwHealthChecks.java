package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.HealthVerification;
import org.junit.jupiter.api.DisplayName;

/** Phase 2 "Deployment Process" and "Immediate Post-Deployment Checks": the health endpoints. */
@YwMessagingCheck
@DisplayName("YWMessaging: health")
class YwHealthChecks {

    @SmokeCheck
    @Verifies({"YW-9.3", "YW-31.1", "YW-6.2"})
    @DisplayName("Verify health check endpoint returns 200 (GET /health, status ok)")
    void healthReturns200(HealthVerification health) {
        health.up("health", "status", "ok");
    }

    @SmokeCheck
    @Verifies({"YW-9.4", "YW-31.2"})
    @DisplayName("Verify detailed health check (GET /health/detailed reports healthy)")
    void detailedHealthIsHealthy(HealthVerification health) {
        health.endpoint("healthDetailed").hasField("status", "healthy").hasStatus(200);
    }

    @SmokeCheck
    @Verifies("YW-10.2")
    @DisplayName("Database connection successful (health/detailed checks.database is ok)")
    void databaseConnectionSuccessful(HealthVerification health) {
        health.endpoint("healthDetailed").hasField("checks.database", "ok");  // whatever the status: a 503 still says which
    }

    @SmokeCheck
    @Verifies("YW-10.3")
    @DisplayName("Redis connection successful (health/detailed checks.redis is ok)")
    void redisConnectionSuccessful(HealthVerification health) {
        health.endpoint("healthDetailed").hasField("checks.redis", "ok");
    }

    @SmokeCheck
    @Verifies({"YW-10.4", "YW-31.3", "YW-6.1"})
    @DisplayName("All critical services responding (ready probe: GET /ready, served at /health/ready)")
    void readyProbe(HealthVerification health) {
        health.up("ready", "ready", true);
    }

    @SmokeCheck
    @Verifies("YW-10.1")
    @DisplayName("Application starts without errors (liveness: GET /health/live is alive)")
    void livenessProbe(HealthVerification health) {
        health.up("live", "alive", true).hasField("uptime");
    }
}
