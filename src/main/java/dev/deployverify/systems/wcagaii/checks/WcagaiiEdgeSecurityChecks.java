package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.http.HttpSpecs;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.EdgeVerification;
import dev.deployverify.verify.EdgeVerification.ForeignOrigin;
import dev.deployverify.verify.EdgeVerification.Hsts;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import io.restassured.http.ContentType;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static dev.deployverify.verify.Verify.assertThat;

/** Security: headers (helmet), CORS, rate limiting and the authentication middleware, as the checklist asks them. */
@WcagaiiCheck
@DisplayName("WCAGAII: security headers, CORS, rate limiting, authentication")
class WcagaiiEdgeSecurityChecks {

    private final WcagaiiClient api;

    WcagaiiEdgeSecurityChecks(WcagaiiClient api) {
        this.api = api;
    }

    @SecurityCheck
    @Verifies("WCAG-2.5")
    @DisplayName("Security headers verified (CSP, HSTS, nosniff, X-Frame-Options, Referrer-Policy)")
    void securityHeaders(EdgeVerification edge) {
        edge.securityHeaders("health", Hsts.present(), "DENY", "SAMEORIGIN");
    }

    @SecurityCheck
    @Verifies("WCAG-2.5")
    @DisplayName("Security headers verified: CORS is not * and does not allow a foreign origin")
    void corsNotWildcard(EdgeVerification edge) {
        // A fixed allowed origin echoed to every caller (the cors package given one string) is safe: the browser
        // compares it with the caller's origin. What lets a foreign page in is "*" or the foreign origin itself.
        edge.refusesForeignOrigin("health", "scan", ForeignOrigin.NOT_LET_IN);
    }

    @SecurityCheck
    @Verifies("WCAG-2.4")
    @DisplayName("Rate limiting configured and tested: RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset on /api")
    void rateLimitHeaders(EdgeVerification edge) {
        edge.rateLimitHeaders(api.scan("html", WcagaiiScanFlowChecks.CLEAN_HTML), "RateLimit-");
    }

    /**
     * Exhausts the limit of a key kept for this purpose, so the other checks keep theirs. Sends what the headers say is
     * left plus one (or the probe budget when there are no headers) to a cheap route, with the JDK client so that a few
     * hundred requests do not become a few hundred report attachments; the status counts are attached instead.
     * Runs only where the environment gives that key (production does not by default): the checks' own key keeps its limit.
     */
    @SecurityCheck
    @Verifies({"WCAG-5.6", "WCAG-2.4"})
    @DisplayName("Rate limiting verified: past the limit /api answers 429 with Retry-After")
    void rateLimitEnforced() throws Exception {
        SystemUnderTest sut = api.sut();
        String key = sut.requireCredential("rateLimitApiKey");
        int budget = sut.target().intThreshold("rateLimitProbeMax");
        URI probe = URI.create(sut.target().url("bulkScan") + "/rate-limit-probe-" + UUID.randomUUID());
        HttpClient client = HttpSpecs.jdkClient(sut.timeouts().connect());
        HttpRequest request = HttpRequest.newBuilder(probe).header(api.apiKeyHeader(), key).timeout(sut.timeouts().request()).GET().build();
        sut.budget().countDedicated();  // on its own key: counted in the run's requests, never refused
        HttpResponse<Void> first = client.send(request, HttpResponse.BodyHandlers.discarding());
        int toSend = first.headers().firstValue("RateLimit-Remaining").map(r -> Integer.parseInt(r) + 1).orElse(budget);
        Assumptions.assumeTrue(toSend <= budget, () -> "the limit leaves " + (toSend - 1)
                + " requests, more than thresholds.rateLimitProbeMax (" + budget + ") allows this check to send");
        Map<Integer, Integer> statuses = new TreeMap<>();
        statuses.merge(first.statusCode(), 1, Integer::sum);
        HttpResponse<Void> limited = first.statusCode() == 429 ? first : null;
        for (int i = 0; i < toSend && limited == null; i++) {
            sut.budget().countDedicated();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        Allure.addAttachment("Rate limit probe GET " + sut.target().path("bulkScan") + "/...", "text/plain",
                "requests sent: " + statuses.values().stream().mapToInt(Integer::intValue).sum() + "\nstatuses: " + statuses, ".txt");
        assertThat(limited).as("a 429 within %d requests with one API key: expected one, statuses %s", toSend + 1, statuses).isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).as("Retry-After on the 429: expected one").isPresent();
    }

    @SecurityCheck
    @Verifies("WCAG-2.7")
    @DisplayName("Authentication middleware implemented (/api without an API key, or with a wrong one, answers 401)")
    void apiRequiresCredentials() {
        String scan = api.path("scan");
        String bulk = api.path("bulkScan");
        Map<String, Object> body = Map.of("type", "html", "input", WcagaiiScanFlowChecks.CLEAN_HTML);
        SoftAssertions softly = new SoftAssertions();
        softly.check(() -> Verify.that(api.request().contentType(ContentType.JSON).body(body).post(scan)).as("without an API key")
                .hasStatus(401));
        softly.check(() -> Verify.that(api.request().header(api.apiKeyHeader(), "wk_deploy_verify_wrong_key").contentType(ContentType.JSON)
                .body(body).post(scan)).as("with a wrong API key").hasStatus(401));
        softly.check(() -> Verify.that(api.request().contentType(ContentType.JSON).body(Map.of("urls", List.of("https://deploy-verify.invalid/")))
                .post(bulk)).as("without an API key").hasStatus(401));
        softly.check(() -> Verify.that(api.request().get(bulk + "/" + UUID.randomUUID())).as("without an API key").hasStatus(401));
        softly.assertAll();
    }
}
