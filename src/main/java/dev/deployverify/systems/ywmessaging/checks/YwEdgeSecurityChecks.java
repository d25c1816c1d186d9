package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.VerifiesContract;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's edge (helmet, cors, express-rate-limit) as the brief's contract and the checklist's security review expect. */
@YwMessagingCheck
@DisplayName("YWMessaging: security headers, CORS, rate limiting")
class YwEdgeSecurityChecks {

    private static final long ONE_YEAR_SECONDS = 31_536_000L;
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    private final SystemUnderTest sut;
    private final YwMessagingClient api;

    YwEdgeSecurityChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new YwMessagingClient(sut);
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: Strict-Transport-Security (max-age of at least a year, includeSubDomains), "
                    + "Content-Security-Policy, X-Frame-Options DENY, X-Content-Type-Options nosniff and Referrer-Policy",
            uncoveredBecause = "the checklist has no item on security headers; its one security item is the code review before the deploy (YW-3.2, "
                    + "not applicable to a deployment)")
    @DisplayName("Security headers present: HSTS (1 year, includeSubDomains), CSP, X-Frame-Options DENY, nosniff, Referrer-Policy")
    void securityHeaders() {
        Response response = api.get("health");
        SoftAssertions softly = new SoftAssertions();
        String hsts = response.header("Strict-Transport-Security");
        softly.assertThat(hsts).as("Strict-Transport-Security").isNotNull();
        if (hsts != null) {
            Matcher maxAge = MAX_AGE.matcher(hsts);
            softly.assertThat(maxAge.find() ? Long.parseLong(maxAge.group(1)) : 0L)
                    .as("Strict-Transport-Security max-age (seconds) in '%s'", hsts).isGreaterThanOrEqualTo(ONE_YEAR_SECONDS);
            softly.assertThat(hsts).as("Strict-Transport-Security").containsIgnoringCase("includeSubDomains");
        }
        softly.assertThat(response.header("Content-Security-Policy")).as("Content-Security-Policy").isNotBlank();
        softly.assertThat(response.header("X-Frame-Options")).as("X-Frame-Options").isEqualToIgnoringCase("DENY");
        softly.assertThat(response.header("X-Content-Type-Options")).as("X-Content-Type-Options").isEqualToIgnoringCase("nosniff");
        softly.assertThat(response.header("Referrer-Policy")).as("Referrer-Policy").isNotBlank();
        softly.assertAll();
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: an allowed origin gets Access-Control-Allow-Origin echoed, with credentials",
            uncoveredBecause = "the checklist has no item on CORS; its one security item is the code review before the deploy (YW-3.2, not applicable to a deployment)")
    @DisplayName("CORS: an allowed origin is echoed with credentials")
    void corsAllowsConfiguredOrigin() {
        String origin = sut.requireSetting("allowedOrigin", "an origin the CORS policy must allow, e.g. the admin dashboard");
        Response response = api.request().header("Origin", origin).get(sut.target().path("health"));
        assertThat(response.header("Access-Control-Allow-Origin")).as("Access-Control-Allow-Origin for %s", origin).isEqualTo(origin);
        assertThat(response.header("Access-Control-Allow-Credentials")).as("Access-Control-Allow-Credentials for %s", origin).isEqualTo("true");
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: a foreign origin gets no Access-Control-Allow-Origin, on a request or a preflight",
            uncoveredBecause = "the checklist has no item on CORS; its one security item is the code review before the deploy (YW-3.2, not applicable to a deployment)")
    @DisplayName("CORS: a foreign origin gets no Access-Control-Allow-Origin")
    void corsRefusesForeignOrigin() {
        String foreign = sut.target().setting("foreignOrigin").orElse("https://deploy-verify.invalid");
        Response response = api.request().header("Origin", foreign).get(sut.target().path("health"));
        assertThat(response.header("Access-Control-Allow-Origin")).as("Access-Control-Allow-Origin for foreign origin %s", foreign).isNull();
        // The CORS policy is the app's, mounted ahead of every route: the preflight goes to /health, outside the /api
        // rate limiter, so that it does not spend the run's /api budget.
        Response preflight = api.request().header("Origin", foreign).header("Access-Control-Request-Method", "POST")
                .options(sut.target().path("health"));
        assertThat(preflight.header("Access-Control-Allow-Origin")).as("preflight Access-Control-Allow-Origin for %s", foreign).isNull();
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: rate limiting on /api/* with the standard RateLimit-Limit, "
                    + "RateLimit-Remaining and RateLimit-Reset headers",
            uncoveredBecause = "the checklist has no item on rate limiting; its one security item is the code review before the deploy (YW-3.2, "
                    + "not applicable to a deployment)")
    @DisplayName("Rate limiting active on /api: RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers")
    void rateLimitHeaders() {
        Response first = api.request().get(sut.target().path("conversations"));
        Response second = api.request().get(sut.target().path("conversations"));
        SoftAssertions softly = new SoftAssertions();
        for (String header : new String[]{"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"}) {
            softly.assertThat(second.header(header)).as("%s on GET /api/messages/conversations", header).isNotBlank();
        }
        softly.assertAll();
        long limit = Long.parseLong(second.header("RateLimit-Limit"));
        long remainingBefore = Long.parseLong(first.header("RateLimit-Remaining"));
        long remainingAfter = Long.parseLong(second.header("RateLimit-Remaining"));
        assertThat(remainingAfter).as("RateLimit-Remaining after one more request (limit %d, before %d)", limit, remainingBefore)
                .isLessThanOrEqualTo(Math.min(limit, remainingBefore));
    }
}
