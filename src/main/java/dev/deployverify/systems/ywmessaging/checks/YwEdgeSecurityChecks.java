package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.VerifiesContract;
import dev.deployverify.verify.EdgeVerification;
import dev.deployverify.verify.EdgeVerification.Countdown;
import dev.deployverify.verify.EdgeVerification.ForeignOrigin;
import dev.deployverify.verify.EdgeVerification.Hsts;
import org.junit.jupiter.api.DisplayName;

import java.time.Duration;

/** The service's edge (helmet, cors, express-rate-limit) as the brief's contract and the checklist's security review expect. */
@YwMessagingCheck
@DisplayName("YWMessaging: security headers, CORS, rate limiting")
class YwEdgeSecurityChecks {

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: Strict-Transport-Security (max-age of at least a year, includeSubDomains), "
                    + "Content-Security-Policy, X-Frame-Options DENY, X-Content-Type-Options nosniff and Referrer-Policy",
            uncoveredBecause = "the checklist has no item on security headers; its one security item is the code review before the deploy (YW-3.2, "
                    + "not applicable to a deployment)")
    @DisplayName("Security headers present: HSTS (1 year, includeSubDomains), CSP, X-Frame-Options DENY, nosniff, Referrer-Policy")
    void securityHeaders(EdgeVerification edge) {
        edge.securityHeaders("health", Hsts.atLeast(Duration.ofDays(365)), "DENY");
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: an allowed origin gets Access-Control-Allow-Origin echoed, with credentials",
            uncoveredBecause = "the checklist has no item on CORS; its one security item is the code review before the deploy (YW-3.2, not applicable to a deployment)")
    @DisplayName("CORS: an allowed origin is echoed with credentials")
    void corsAllowsConfiguredOrigin(EdgeVerification edge) {
        edge.allowsConfiguredOrigin("health");
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: a foreign origin gets no Access-Control-Allow-Origin, on a request or a preflight",
            uncoveredBecause = "the checklist has no item on CORS; its one security item is the code review before the deploy (YW-3.2, not applicable to a deployment)")
    @DisplayName("CORS: a foreign origin gets no Access-Control-Allow-Origin")
    void corsRefusesForeignOrigin(EdgeVerification edge) {
        // The CORS policy is the app's, mounted ahead of every route: the preflight goes to /health, outside the /api
        // rate limiter, so that it does not spend the run's /api budget.
        edge.refusesForeignOrigin("health", "health", ForeignOrigin.NO_HEADER);
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the edge contract of the system brief ywmessaging.md: rate limiting on /api/* with the standard RateLimit-Limit, "
                    + "RateLimit-Remaining and RateLimit-Reset headers",
            uncoveredBecause = "the checklist has no item on rate limiting; its one security item is the code review before the deploy (YW-3.2, "
                    + "not applicable to a deployment)")
    @DisplayName("Rate limiting active on /api: RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers")
    void rateLimitHeaders(EdgeVerification edge) {
        edge.rateLimitCountsDown("conversations", "RateLimit-", Countdown.DOES_NOT_GROW);
    }
}
