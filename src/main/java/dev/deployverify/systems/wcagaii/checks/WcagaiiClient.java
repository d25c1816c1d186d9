package dev.deployverify.systems.wcagaii.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.metrics.PrometheusText;
import dev.deployverify.verify.SystemClient;
import dev.deployverify.verify.Verify;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.http.HttpRequest;
import java.util.Map;

/** WCAGAII's API as the checks use it; paths come from the environment (the code's paths by default). */
final class WcagaiiClient extends SystemClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    public WcagaiiClient(SystemUnderTest sut) {
        super(sut);
    }

    /** With the environment's API key (the check is skipped, with the reason, when there is none). */
    RequestSpecification authorized() {
        return request().header(apiKeyHeader(), sut.requireCredential("apiKey"));
    }

    String apiKeyHeader() {
        return sut.target().setting("apiKeyHeader").orElse("X-API-Key");
    }

    Response scan(String type, String input) {
        return authorized().contentType(ContentType.JSON).body(Map.of("type", type, "input", input))
                .post(sut.target().path("scan"));
    }

    /**
     * One HTML scan of {@link WcagaiiPerformanceChecks#PROBE_HTML} with the environment's API key, as the latency
     * sampler and the load engine send it (no REST Assured).
     */
    HttpRequest.Builder probeScanRequest() {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("type", "html", "input", WcagaiiPerformanceChecks.PROBE_HTML));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(sut.target().url("scan")).header(apiKeyHeader(), sut.requireCredential("apiKey"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** One scrape of /metrics: it must answer 200 with text that parses as the Prometheus exposition format. */
    PrometheusText scrapeMetrics() {
        Response response = get("metrics");
        Verify.that(response).hasStatus(200);
        try {
            return PrometheusText.parse(response.asString());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("GET " + sut.target().path("metrics") + ": expected Prometheus text, " + e.getMessage(), e);
        }
    }
}
