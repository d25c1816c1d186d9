package dev.deployverify.systems.muejam.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.env.Colour;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.VerifiesContract;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The API contract the checklist's "no N+1, rate limits confirmed, HTTPS" items rest on: cursor pages, ETags, limits, redirects. */
@MuejamCheck
@DisplayName("MueJam Library: API contract (cursor pages, conditional GET, rate-limit headers, HTTPS)")
class MuejamApiChecks {

    private final SystemUnderTest sut;
    private final MuejamClient api;

    MuejamApiChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new MuejamClient(sut);
    }

    @SmokeCheck
    @VerifiesContract(
            value = "the API contract of the system brief muejam-library.md: GET /v1/stories/ pages by cursor, and cursor pages never overlap",
            uncoveredBecause = "'Test critical user flows' (MUE-13.6) names story creation and reading, which the flow checks verify; no item names pagination")
    @DisplayName("Story reading: cursor pages never overlap (GET /v1/stories/ walked page by page)")
    void cursorPagesNeverOverlap() {
        String token = api.readerToken();
        int pageSize = sut.target().intThreshold("cursorPageSize");
        int maxPages = sut.target().intThreshold("cursorMaxPages");
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
        String etag = first.header("ETag");
        assertThat(etag).as("ETag on GET %s: expected one", api.path("stories")).isNotBlank();
        assertThat(first.header("Last-Modified")).as("Last-Modified on GET %s: expected one", api.path("stories")).isNotBlank();
        Response second = api.as(token).header("If-None-Match", etag).queryParam("page_size", 5).get(api.path("stories"));
        assertThat(second.statusCode()).as("GET %s with If-None-Match %s: expected 304", api.path("stories"), etag).isEqualTo(304);
        assertThat(second.asString()).as("body of the 304: expected none").isEmpty();
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the API contract of the system brief muejam-library.md: X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset on API routes",
            uncoveredBecause = "'API rate limits confirmed' (MUE-4.9) is about the external services' limits (Clerk, S3, Resend), "
                    + "confirmed with the providers before the deploy; no item covers the service's own limits")
    @DisplayName("API rate limits confirmed: X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset on API routes")
    void rateLimitHeaders() {
        String token = api.readerToken();
        Response first = api.as(token).get(api.path("me"));
        Response second = api.as(token).get(api.path("me"));
        SoftAssertions softly = new SoftAssertions();
        for (String header : new String[]{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"}) {
            softly.assertThat(second.header(header)).as("%s on GET %s: expected a number", header, api.path("me"))
                    .isNotNull().containsPattern("^\\d+$");
        }
        softly.assertAll();
        assertThat(Long.parseLong(second.header("X-RateLimit-Remaining")))
                .as("X-RateLimit-Remaining after one more request (before: %s): expected it to decrease", first.header("X-RateLimit-Remaining"))
                .isLessThan(Long.parseLong(first.header("X-RateLimit-Remaining")));
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the API contract of the system brief muejam-library.md: plain HTTP is redirected to HTTPS in production",
            uncoveredBecause = "no item names HTTPS or transport security")
    @DisplayName("Plain HTTP is redirected to HTTPS (GET http://.../v1/stories/ answers a redirect to https://)")
    void plainHttpRedirectsToHttps() {
        String plain = plainHttpUrl();
        Response response = given().spec(sut.http(plain)).get(api.path("stories"));
        assertThat(response.statusCode()).as("GET %s%s over plain HTTP: expected a redirect (301, 302, 307 or 308), body %s",
                plain, api.path("stories"), response.asString()).isIn(301, 302, 307, 308);
        assertThat(response.header("Location")).as("Location of the redirect: expected https://").startsWith("https://");
    }

    /** The plain-HTTP address: derived from an https base URL, or the environment's setting for the live stack. */
    private String plainHttpUrl() {
        String base = sut.target().baseUrl().toString();
        if (base.startsWith("https://")) {
            return "http://" + base.substring("https://".length());
        }
        Assumptions.assumeTrue(sut.target().colour() == Colour.LIVE, () -> "the green URL " + base
                + " is plain http: no separate plain-HTTP address to check");
        return sut.requireSetting("plainHttpUrl", "the plain-HTTP address of a deployment whose baseUrl is not https");
    }
}
