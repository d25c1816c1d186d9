package dev.deployverify.systems.muejam.checks;

import dev.deployverify.junit.InfraCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 5 "Verify application health", the blue-green "Verify green environment health" and the health family's detail. */
@MuejamCheck
@DisplayName("MueJam Library: health")
class MuejamHealthChecks {

    private final SystemUnderTest sut;
    private final MuejamClient api;

    MuejamHealthChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new MuejamClient(sut);
    }

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health (GET /health 200, status healthy)")
    void healthIsHealthy() {
        Response response = api.get("health");
        assertThat(response.<String>path("status")).as("GET /health .status (HTTP %d)", response.statusCode()).isEqualTo("healthy");
        assertThat(response.statusCode()).as("GET /health status").isEqualTo(200);
    }

    @InfraCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: database, cache and disk checks healthy, disk below 80% used (GET /health detail)")
    void healthDetail() {
        Response response = api.get("health");
        double maxDisk = sut.target().threshold("diskPercentUsedMax");
        SoftAssertions softly = new SoftAssertions();
        for (String check : new String[]{"database", "cache", "disk"}) {
            softly.assertThat(response.<String>path("checks." + check + ".status"))
                    .as("GET /health .checks.%s.status (message: %s): expected healthy", check, response.<String>path("checks." + check + ".message"))
                    .isEqualTo("healthy");
        }
        Number diskUsed = response.path("checks.disk.percent_used");
        softly.assertThat(diskUsed).as("GET /health .checks.disk.percent_used: expected a number").isNotNull();
        if (diskUsed != null) {
            softly.assertThat(diskUsed.doubleValue()).as("disk percent used: expected < %s", maxDisk).isLessThan(maxDisk);
        }
        softly.assertAll();
    }

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: readiness (GET /health/ready is ready)")
    void ready() {
        Response response = api.get("ready");
        assertThat(response.statusCode()).as("GET /health/ready status (body: %s)", response.asString()).isEqualTo(200);
        assertThat(response.<String>path("status")).as("GET /health/ready .status").isEqualTo("ready");
    }

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: liveness (GET /health/live is alive)")
    void live() {
        Response response = api.get("live");
        assertThat(response.statusCode()).as("GET /health/live status (body: %s)", response.asString()).isEqualTo(200);
        assertThat(response.<String>path("status")).as("GET /health/live .status").isEqualTo("alive");
    }

    @SmokeCheck
    @Verifies("MUE-13.1")
    @DisplayName("Verify application health: API health (GET /v1/health/ database and cache healthy)")
    void v1Health() {
        Response response = api.get("v1Health");
        assertThat(response.statusCode()).as("GET /v1/health/ status (body: %s)", response.asString()).isEqualTo(200);
        assertThat(response.<String>path("checks.database")).as("GET /v1/health/ .checks.database").isEqualTo("healthy");
        assertThat(response.<String>path("checks.cache")).as("GET /v1/health/ .checks.cache").isEqualTo("healthy");
    }
}
