package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.metrics.PrometheusText;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** WCAGAII's API as the checks use it; paths come from the environment (the code's paths by default). */
final class WcagaiiClient {

    private final SystemUnderTest sut;

    WcagaiiClient(SystemUnderTest sut) {
        this.sut = sut;
    }

    RequestSpecification request() {
        return given().spec(sut.http());
    }

    /** With the environment's API key (the check is skipped, with the reason, when there is none). */
    RequestSpecification authorized() {
        return request().header(apiKeyHeader(), sut.requireCredential("apiKey"));
    }

    String apiKeyHeader() {
        return sut.target().setting("apiKeyHeader").orElse("X-API-Key");
    }

    Response get(String pathKey) {
        return request().get(sut.target().path(pathKey));
    }

    Response scan(String type, String input) {
        return authorized().contentType(ContentType.JSON).body(Map.of("type", type, "input", input))
                .post(sut.target().path("scan"));
    }

    /** One scrape of /metrics: it must answer 200 with text that parses as the Prometheus exposition format. */
    PrometheusText scrapeMetrics() {
        Response response = get("metrics");
        assertThat(response.statusCode()).as("GET %s status: expected 200", sut.target().path("metrics")).isEqualTo(200);
        try {
            return PrometheusText.parse(response.asString());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("GET " + sut.target().path("metrics") + ": expected Prometheus text, " + e.getMessage(), e);
        }
    }
}
