package dev.deployverify.systems.dawg.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.socketio.SocketIoClient;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Deployment day, 7. "Health Checks (T+15 minutes)": the checklist's curl and wscat commands, as checks. */
@DawgCheck
@DisplayName("DAWG AI: health checks")
class DawgHealthChecks {

    /** socket.io joins a connection to its user's room; this id owns no data, so connecting creates nothing. */
    static final String PROBE_USER = "deploy-verify-probe";

    private final SystemUnderTest sut;
    private final DawgClient api;

    DawgHealthChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new DawgClient(sut);
    }

    @SmokeCheck
    @Verifies({"DAWG-14.1", "DAWG-13.1", "DAWG-5.7"})
    @DisplayName("Health check returns 200 OK (GET /health)")
    void healthReturns200() {
        assertThat(Answer.expect(api.get("health"), 200).string("service")).as("GET /health .service").isNotBlank();
    }

    @SmokeCheck
    @Verifies("DAWG-14.2")
    @DisplayName("WebSocket connection successful (socket.io at /socket.io/?EIO=4&transport=websocket: handshake and namespace connect)")
    void webSocketConnects() {
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
        assertDependencyHealthy("healthDb");
    }

    @SmokeCheck
    @Verifies("DAWG-14.4")
    @DisplayName("Redis connected (GET /api/health/redis)")
    void redisConnected() {
        assertDependencyHealthy("healthRedis");
    }

    @SmokeCheck
    @Verifies("DAWG-14.5")
    @DisplayName("S3 accessible (GET /api/health/s3)")
    void s3Accessible() {
        assertDependencyHealthy("healthS3");
    }

    @SmokeCheck
    @Verifies("DAWG-14.6")
    @DisplayName("All services reporting healthy (GET /health: status and every entry of services healthy)")
    void allServicesHealthy() {
        Answer response = Answer.expect(api.get("health"), 200, 503);  // a degraded service still says which part
        assertThat(response.<Object>optional("status")).as("GET /health .status (%s)", response.came()).isEqualTo("healthy");
        Map<String, Object> services = response.object("services");
        assertThat(services).as("GET /health .services").isNotEmpty();
        assertThat(services).as("GET /health .services, every one expected healthy")
                .allSatisfy((service, status) -> assertThat(status).as("services.%s", service).isEqualTo("healthy"));
    }

    private void assertDependencyHealthy(String pathKey) {
        Answer response = Answer.expect(api.get(pathKey), 200);
        assertThat(response.<Object>optional("status")).as("GET %s .status", sut.target().path(pathKey)).isEqualTo("healthy");
    }
}
