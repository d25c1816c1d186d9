package dev.deployverify.systems.sp404.checks;

import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.EdgeVerification;
import dev.deployverify.verify.EdgeVerification.ForeignOrigin;
import dev.deployverify.verify.EdgeVerification.Hsts;
import dev.deployverify.verify.Verify;
import org.junit.jupiter.api.DisplayName;

/**
 * Pre-Deployment Validation "Security", as the deployment shows it: its security headers and its CORS policy, with
 * the shared check bodies every system's edge checks use.
 */
@Sp404Check
@DisplayName("SP-404: security headers and CORS")
class Sp404SecurityChecks {

    private final Sp404Client api;

    Sp404SecurityChecks(Sp404Client api) {
        this.api = api;
    }

    @SecurityCheck
    @Verifies("SP404-7.9")
    @DisplayName("Security headers configured: HSTS, CSP, nosniff, X-Frame-Options and Referrer-Policy on the app's page")
    void securityHeaders(EdgeVerification edge) {
        edge.securityHeaders("home", Hsts.present(), "DENY", "SAMEORIGIN");
    }

    @SecurityCheck
    @Verifies("SP404-7.4")
    @DisplayName("CORS origins properly configured: the app's own origin is allowed, with credentials")
    void corsAllowsTheApp(EdgeVerification edge) {
        edge.allowsConfiguredOrigin("health");
    }

    @SecurityCheck
    @Verifies("SP404-7.4")
    @DisplayName("CORS origins properly configured: a foreign origin is not let in (GET and preflight)")
    void corsRefusesForeignOrigins(EdgeVerification edge) {
        // A refusal says something about the policy only from a deployment that answers: an error page has no CORS.
        Verify.that(api.get("home")).hasStatus(200);
        edge.refusesForeignOrigin("health", "collections", ForeignOrigin.NOT_LET_IN);
    }
}
