package dev.deployverify.systems.dawg.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.verify.HealthVerification;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;

import static dev.deployverify.verify.Verify.assertThat;

/** Deployment day, 7. "Health Checks (T+15 minutes)": the checklist's curl and wscat commands, as checks. */
@DawgCheck
@DisplayName("DAWG AI: health checks")
class DawgHealthChecks {

    /** socket.io joins a connection to its user's room; this id owns no data, so connecting creates nothing. */
    static final String PROBE_USER = "deploy-verify-probe";

    private final HealthVerification health;

    DawgHealthChecks(DawgClient api) {
        this.health = new HealthVerification(api);  // asked as the client asks: with the test token where there is one
    }

    @SmokeCheck
    @Verifies({"DAWG-14.1", "DAWG-13.1", "DAWG-5.7"})
    @DisplayName("Health check returns 200 OK (GET /health)")
    void healthReturns200() {
        health.endpoint("health").hasStatus(200).hasNonBlankField("service");
    }

    @SmokeCheck
    @Verifies("DAWG-14.2")
    @DisplayName("WebSocket connection successful (socket.io at /socket.io/?EIO=4&transport=websocket: handshake and namespace connect)")
    void webSocketConnects(DawgClient api) {
        try (SocketIoClient socket = api.socket(PROBE_USER)) {
            Allure.addAttachment("socket.io frames", "text/plain", socket.transcript(), ".txt");
            assertThat(socket.connectPayload().path("sid").asText()).as("socket.io connect packet .sid").isNotBlank();
            assertThat(socket.isOpen()).as("socket open after connect").isTrue();
        }
    }

    @SmokeCheck
    @Verifies("DAWG-14.3")
    @DisplayName("Database connected (GET /api/health/db)")
    void databaseConnected() {
        health.up("healthDb", "status", "healthy");
    }

    @SmokeCheck
    @Verifies("DAWG-14.4")
    @DisplayName("Redis connected (GET /api/health/redis)")
    void redisConnected() {
        health.up("healthRedis", "status", "healthy");
    }

    @SmokeCheck
    @Verifies("DAWG-14.5")
    @DisplayName("S3 accessible (GET /api/health/s3)")
    void s3Accessible() {
        health.up("healthS3", "status", "healthy");
    }

    @SmokeCheck
    @Verifies("DAWG-14.6")
    @DisplayName("All services reporting healthy (GET /health: status and every entry of services healthy)")
    void allServicesHealthy() {
        // A degraded service answers 503 and still says which part.
        health.endpoint("health").hasStatus(200, 503).hasField("status", "healthy").hasEveryEntry("services", "healthy");
    }
}
