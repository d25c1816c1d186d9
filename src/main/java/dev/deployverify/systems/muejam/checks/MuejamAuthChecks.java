package dev.deployverify.systems.muejam.checks;

import dev.deployverify.auth.Jwt;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import dev.deployverify.verify.Verify;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;

import java.time.Instant;
import java.util.Map;

/** Step 5 "Verify external integrations: Clerk authentication" and the moderation role, read-only. */
@MuejamCheck
@DisplayName("MueJam Library: authentication and roles")
class MuejamAuthChecks {

    private final MuejamClient api;

    MuejamAuthChecks(MuejamClient api) {
        this.api = api;
    }

    @SecurityCheck
    @VerifiesContract(
            value = "the auth contract of the system brief muejam-library.md: the API takes only a verified Bearer JWT, "
                    + "so no token or a token with a forged signature answers 401",
            uncoveredBecause = "'Verify external integrations: Clerk authentication' (MUE-13.8) asks that Clerk sign-in works, which a person confirms; "
                    + "the checklist's security item (MUE-1.5) is code review before the deploy")
    @DisplayName("Clerk authentication: no token, or a token with a forged signature, answers 401")
    void forgedOrMissingTokenIsRefused() {
        String me = api.path("me");
        // Signed with a secret the deployment cannot know: only a service that skips verification accepts it.
        String forged = Jwt.mintHs256(Map.of("sub", "deploy-verify-forged"), "deploy-verify-not-the-secret-" + System.nanoTime(),
                Instant.now(), 300);
        api.sut().redactor().register(forged);
        SoftAssertions softly = new SoftAssertions();
        softly.check(() -> Verify.that(api.request().get(me)).as("without a token").hasStatus(401));
        softly.check(() -> Verify.that(api.as(forged).get(me)).as("with a forged token").hasStatus(401));
        softly.assertAll();
    }

    @SecurityCheck
    @Verifies("MUE-13.6")
    @DisplayName("Content moderation: the report queue answers 403 to a reader and 200 to a moderator")
    void moderationQueueIsForModerators() {
        String queue = api.path("reportQueue");
        Verify.that(api.as(api.readerToken()).get(queue)).as("as a reader").hasStatus(403);
        Verify.that(api.as(api.moderatorToken()).get(queue)).as("as a moderator").hasStatus(200);
    }
}
