package dev.deployverify.systems.muejam.checks;

import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.HealthVerification;
import org.junit.jupiter.api.DisplayName;

/** Step 5 "Verify application health", the blue-green "Verify green environment health" and the health family's detail. */
@MuejamCheck
@DisplayName("MueJam Library: health")
class MuejamHealthChecks {

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health (GET /health 200, status healthy)")
    void healthIsHealthy(HealthVerification health) {
        health.endpoint("health").hasField("status", "healthy").hasStatus(200);  // the status first: a 503 says why
    }

    @InfraCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: database, cache and disk checks healthy, disk below 80% used (GET /health detail)")
    void healthDetail(HealthVerification health) {
        double maxDiskPercent = health.threshold("diskPercentUsedMax");
        health.endpoint("health").hasFields("healthy", "checks.database.status", "checks.cache.status", "checks.disk.status")
                .hasNumberBelow("checks.disk.percent_used", maxDiskPercent);
    }

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: readiness (GET /health/ready is ready)")
    void ready(HealthVerification health) {
        health.up("ready", "status", "ready");
    }

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: liveness (GET /health/live is alive)")
    void live(HealthVerification health) {
        health.up("live", "status", "alive");
    }

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: API health (GET /v1/health/ database and cache healthy)")
    void v1Health(HealthVerification health) {
        health.endpoint("v1Health").hasStatus(200).hasFields("healthy", "checks.database", "checks.cache");
    }
}
