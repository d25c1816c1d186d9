package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Tags;
import dev.deployverify.junit.Verifies;
import dev.deployverify.security.SsrfPayloads;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security "SSRF protection tested against OWASP test cases" and Testing "SSRF protection verified": each payload of
 * the brief is handed to the scanner as data, through the URL route and the bulk route, one report row each. The
 * suite never connects to any of them; the service must refuse them with 403 SSRF_PROTECTION.
 */
@WcagaiiCheck
@DisplayName("WCAGAII: SSRF protection")
class WcagaiiSsrfChecks {

    private final SystemUnderTest sut;
    private final WcagaiiClient api;

    WcagaiiSsrfChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new WcagaiiClient(sut);
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
        Response response = api.authorized().contentType(ContentType.JSON)
                .body(Map.of("type", "url", "input", payload.url())).post(sut.target().path("scan"));
        assertRefused(response, "POST " + sut.target().path("scan"), payload);
    }

    @ParameterizedTest(name = "{displayName}: {0}")
    @MethodSource("payloads")
    @Tag(Tags.SECURITY)
    @Verifies({"WCAG-2.3", "WCAG-5.5"})
    @DisplayName("SSRF protection verified for bulk scans (POST /api/scan/bulk answers 403 SSRF_PROTECTION)")
    void bulkScanRefuses(SsrfPayloads.Payload payload) {
        Response response = api.authorized().contentType(ContentType.JSON)
                .body(Map.of("urls", List.of(payload.url()))).post(sut.target().path("bulkScan"));
        assertRefused(response, "POST " + sut.target().path("bulkScan"), payload);
    }

    private static void assertRefused(Response response, String request, SsrfPayloads.Payload payload) {
        assertThat(response.statusCode()).as("%s with %s (%s): expected 403, body %s", request, payload.url(), payload.family(),
                response.asString()).isEqualTo(403);
        assertThat(response.<String>path("code")).as("%s with %s: .code", request, payload.url()).isEqualTo("SSRF_PROTECTION");
    }
}
