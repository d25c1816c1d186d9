package dev.deployverify.systems.muejam.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.env.Colour;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.VerifiesContract;
import dev.deployverify.verify.EdgeVerification;
import dev.deployverify.verify.EdgeVerification.Countdown;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static dev.deployverify.verify.Verify.assertThat;

/** The API contract the checklist's "no N+1, rate limits confirmed, HTTPS" items rest on: cursor pages, ETags, limits, redirects. */
@MuejamCheck
@DisplayName("MueJam Library: API contract (cursor pages, conditional GET, rate-limit headers, HTTPS)")
class MuejamApiChecks {

    private final MuejamClient api;

    MuejamApiChecks(MuejamClient api) {
        this.api = api;
    }

    @SmokeCheck
    @VerifiesContract(
            value = "the API contract of the system brief muejam-library.md: GET /v1/stories/ pages by cursor, and cursor pages never overlap",
            uncoveredBecause = "'Test critical user flows' (MUE-13.6) names story creation and reading, which the flow checks verify; no item names pagination")
    @DisplayName("Story reading: cursor pages never overlap (GET /v1/stories/ walked page by page)")
    void cursorPagesNeverOverlap() {
        String token = api.readerToken();
        int pageSize = api.target().intThreshold("cursorPageSize");
        int maxPages = api.target().intThreshold("cursorMaxPages");
        Set<String> seen = new LinkedHashSet<>();
        List<String> repeated = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String from = cursor;
            Response page = Allure.step("Page " + (pages + 1), () -> {
                var request = api.as(token).queryParam("page_size", pageSize);
                return (from == null ? request : request.queryParam("cursor", from)).get(api.path("stories"));
            });
            Answer answer = Answer.expect(page, 200);
            List<String> ids = answer.list("data.id");
            assertThat(ids).as("page %d size: expected at most page_size=%d", pages + 1, pageSize).hasSizeLessThanOrEqualTo(pageSize);
            ids.stream().filter(id -> !seen.add(id)).forEach(repeated::add);
            cursor = answer.optional("next_cursor");
            pages++;
        } while (cursor != null && !cursor.isBlank() && pages < maxPages);
        Assumptions.assumeTrue(pages >= 2, () -> "only one page of stories at page_size=" + pageSize + ": nothing to compare");
        assertThat(repeated).as("stories repeated across %d cursor pages of %d (%d distinct): expected none", pages, pageSize, seen.size())
                .isEmpty();
    }

    @SmokeCheck
    @VerifiesContract(
            value = "the API contract of the system brief muejam-library.md: GET /v1/stories/ carries ETag and Last-Modified, "
                    + "and If-None-Match with that ETag answers 304 without a body",
            uncoveredBecause = "no item names conditional requests or caching of the API's answers")
    @DisplayName("Story reading: conditional GET (If-None-Match with the page's ETag answers 304)")
    void conditionalGet() {
        String token = api.readerToken();
        Response first = api.as(token).queryParam("page_size", 5).get(api.path("stories"));
        Verify.that(first).hasHeader("ETag").hasHeader("Last-Modified");
        String etag = first.header("ETag");
        Verify.that(api.as(token).header("If-None-Match", etag).queryParam("page_size", 5).get(api.path("stories")))
                .as("with If-None-Match %s", etag).hasStatus(304).hasNoBody();
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the API contract of the system brief muejam-library.md: X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset on API routes",
            uncoveredBecause = "'API rate limits confirmed' (MUE-4.9) is about the external services' limits (Clerk, S3, Resend), "
                    + "confirmed with the providers before the deploy; no item covers the service's own limits")
    @DisplayName("API rate limits confirmed: X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset on API routes")
    void rateLimitHeaders(EdgeVerification edge) {
        String token = api.readerToken();
        edge.rateLimitCountsDown(() -> api.as(token).get(api.path("me")), "X-RateLimit-", Countdown.DECREASES);
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the API contract of the system brief muejam-library.md: plain HTTP is redirected to HTTPS in production",
            uncoveredBecause = "no item names HTTPS or transport security")
    @DisplayName("Plain HTTP is redirected to HTTPS (GET http://.../v1/stories/ answers a redirect to https://)")
    void plainHttpRedirectsToHttps() {
        String plain = plainHttpUrl();
        Verify.that(given().spec(api.sut().http(plain)).get(api.path("stories"))).as("over plain HTTP at %s", plain)
                .hasStatus(301, 302, 307, 308).hasHeaderStartingWith("Location", "https://");
    }

    /** The plain-HTTP address: derived from an https base URL, or the environment's setting for the live stack. */
    private String plainHttpUrl() {
        String base = api.target().baseUrl().toString();
        if (base.startsWith("https://")) {
            return "http://" + base.substring("https://".length());
        }
        Assumptions.assumeTrue(api.target().colour() == Colour.LIVE, () -> "the green URL " + base
                + " is plain http: no separate plain-HTTP address to check");
        return api.sut().requireSetting("plainHttpUrl", "the plain-HTTP address of a deployment whose baseUrl is not https");
    }
}
