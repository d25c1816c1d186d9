package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.Tags;
import dev.deployverify.junit.Verifies;
import dev.deployverify.security.SsrfPayloads;
import dev.deployverify.verify.Verify;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

/**
 * Security "SSRF protection tested against OWASP test cases" and Testing "SSRF protection verified": each payload of
 * the brief is handed to the scanner as data, through the URL route and the bulk route, one report row each. The
 * suite never connects to any of them; the service must refuse them with 403 SSRF_PROTECTION.
 */
@WcagaiiCheck
@DisplayName("WCAGAII: SSRF protection")
class WcagaiiSsrfChecks {

    private final WcagaiiClient api;

    WcagaiiSsrfChecks(WcagaiiClient api) {
        this.api = api;
    }

    static List<SsrfPayloads.Payload> payloads() {
        return SsrfPayloads.all();
    }

    @ParameterizedTest(name = "{displayName}: {0}")
    @MethodSource("payloads")
    @Tag(Tags.SECURITY)
    @Verifies({"WCAG-2.3", "WCAG-5.5"})
    @DisplayName("SSRF protection tested against OWASP test cases (POST /api/scan type url answers 403 SSRF_PROTECTION)")
    void urlScanRefuses(SsrfPayloads.Payload payload) {
        assertRefused(api.authorized().contentType(ContentType.JSON).body(Map.of("type", "url", "input", payload.url()))
                .post(api.path("scan")), payload);
    }

    @ParameterizedTest(name = "{displayName}: {0}")
    @MethodSource("payloads")
    @Tag(Tags.SECURITY)
    @Verifies({"WCAG-2.3", "WCAG-5.5"})
    @DisplayName("SSRF protection verified for bulk scans (POST /api/scan/bulk answers 403 SSRF_PROTECTION)")
    void bulkScanRefuses(SsrfPayloads.Payload payload) {
        assertRefused(api.authorized().contentType(ContentType.JSON).body(Map.of("urls", List.of(payload.url())))
                .post(api.path("bulkScan")), payload);
    }

    private static void assertRefused(Response response, SsrfPayloads.Payload payload) {
        Verify.that(response).as("with %s (%s)", payload.url(), payload.family()).hasStatus(403).hasField("code", "SSRF_PROTECTION");
    }
}
