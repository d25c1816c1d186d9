package dev.deployverify.systems.muejam.checks;

import dev.deployverify.auth.Jwt;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 5 "Verify external integrations: Clerk authentication" and the moderation role, read-only. */
@MuejamCheck
@DisplayName("MueJam Library: authentication and roles")
class MuejamAuthChecks {

    private final SystemUnderTest sut;
    private final MuejamClient api;

    MuejamAuthChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new MuejamClient(sut);
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
        sut.redactor().register(forged);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(api.request().get(me).statusCode()).as("GET %s without a token: expected 401", me).isEqualTo(401);
        softly.assertThat(api.as(forged).get(me).statusCode()).as("GET %s with a forged token: expected 401", me).isEqualTo(401);
        softly.assertAll();
    }

    @SecurityCheck
    @Verifies("MUE-13.6")
    @DisplayName("Content moderation: the report queue answers 403 to a reader and 200 to a moderator")
    void moderationQueueIsForModerators() {
        String queue = api.path("reportQueue");
        Response asReader = api.as(api.readerToken()).get(queue);
        assertThat(asReader.statusCode()).as("GET %s as a reader: expected 403, body %s", queue, asReader.asString()).isEqualTo(403);
        Response asModerator = api.as(api.moderatorToken()).get(queue);
        assertThat(asModerator.statusCode()).as("GET %s as a moderator: expected 200, body %s", queue, asModerator.asString()).isEqualTo(200);
    }
}
