package dev.deployverify.systems.muejam.checks;

import dev.deployverify.auth.Jwt;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.verify.SystemClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Assumptions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * MueJam's API as the checks use it. Tokens: a ready one from the environment (production, Clerk RS256), or minted
 * HS256 with the test signing secret (staging, local); every token is registered with the redactor when obtained.
 */
final class MuejamClient extends SystemClient {

    public MuejamClient(SystemUnderTest sut) {
        super(sut);
    }

    RequestSpecification as(String token) {
        return request().header("Authorization", "Bearer " + token);
    }

    /** A named path with its {placeholders} filled in order, e.g. path("chapter", id). */
    String path(String key, String... values) {
        String path = sut.target().path(key);
        for (String value : values) {
            path = path.replaceFirst("\\{[^}]+}", value);
        }
        return path;
    }

    Response postJson(String token, String path, Map<String, ?> body) {
        return as(token).contentType(ContentType.JSON).body(body).post(path);
    }

    /** For a rate-limit check on a limit of its own (a fresh user's): its 429 is the finding, not a stop sign. */
    Response postJsonOnOwnRateLimit(String token, String path, Map<String, ?> body) {
        return given().spec(sut.httpOnOwnRateLimit()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body(body).post(path);
    }

    /** The test reader's token: the environment's ready token, else minted for settings.testUserId. */
    String readerToken() {
        return sut.target().credential("token").map(this::registered)
                .orElseGet(() -> mint(sut.target().setting("testUserId").orElse("deploy-verify-reader")));
    }

    /** The moderator's token: the environment's ready one, else minted for settings.moderatorUserId. */
    String moderatorToken() {
        return sut.target().credential("moderatorToken").map(this::registered)
                .orElseGet(() -> mint(sut.requireSetting("moderatorUserId", "the user id holding the moderator role")));
    }

    /** A token for a user that did nothing yet (per-user limits start fresh); needs the signing secret. */
    String freshUserToken() {
        return mint("deploy-verify-" + UUID.randomUUID());
    }

    private String mint(String subject) {
        Assumptions.assumeTrue(sut.target().credential("jwtSigningSecret").isPresent(), () -> "needs credentials.jwtSigningSecret ("
                + sut.target().credentialDescription("jwtSigningSecret") + ") to mint a token for " + subject
                + ", which environment " + sut.environment().name() + " does not give");
        String token = Jwt.mintHs256(Map.of("sub", subject), sut.requireCredential("jwtSigningSecret"), Instant.now(),
                sut.target().intThreshold("tokenTtlSeconds"));
        return registered(token);
    }

    private String registered(String token) {
        sut.redactor().register(token);
        return token;
    }
}
