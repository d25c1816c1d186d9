package dev.deployverify.selftest.verify;

import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.verify.Verify;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code Verify.that(response)}: what a check demands of an answer, and a failure that names the request, what was
 * expected, what was found and what came (redacted, bounded), and never a secret.
 */
class ResponseAssertTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));

    private ReferenceServer server;
    private final Redactor redactor = new Redactor();

    @BeforeEach
    void start() {
        server = ReferenceServer.start(config -> {
            config.routes.get("/health", ctx -> ctx.header("X-Frame-Options", "DENY").header("RateLimit-Remaining", "99")
                    .json(Map.of("status", "ok", "uptime", 12.5, "ready", true, "services", Map.of("db", "healthy", "redis", "healthy"))));
            config.routes.get("/health/detailed", ctx -> ctx.status(503).json(Map.of("status", "degraded",
                    "services", Map.of("db", "healthy", "redis", "failed"))));
            config.routes.get("/login", ctx -> ctx.status(500).header("Set-Cookie", "session=s3cr3t-cookie-value")
                    .json(Map.of("error", "boom s3cr3t-value-xyz", "accessToken", "tok-1234567890")));
            config.routes.get("/long", ctx -> ctx.status(500).json(Map.of("detail", "x".repeat(2_000))));
            config.routes.get("/html", ctx -> ctx.html("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response get(String path) {
        return given().spec(HttpSpecs.forBaseUri(server.url(), TIMEOUTS, redactor)).get(path);
    }

    @Test
    void anAnswerAsExpectedPassesEveryKindOfDemand() {
        Verify.that(get("/health")).hasStatus(200).hasField("status", "ok").hasField("ready", true).hasField("uptime")
                .hasNonBlankField("status").hasPositiveField("uptime").hasNumberBelow("uptime", 13)
                .hasEveryEntry("services", "healthy").hasFields("healthy", "services.db", "services.redis")
                .hasHeader("X-Frame-Options", "DENY").hasHeaderIgnoringCase("X-Frame-Options", "deny", "sameorigin")
                .hasNumericHeader("RateLimit-Remaining").hasNoHeader("Access-Control-Allow-Origin").hasContentType("application/json");
        assertThat(Verify.that(get("/health")).hasStatus(200).answer().string("status")).isEqualTo("ok");
    }

    @Test
    void anUnexpectedStatusNamesTheRequestTheStatusesAndTheBody() {
        assertThatThrownBy(() -> Verify.that(get("/health/detailed")).hasStatus(200, 204))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected GET /health/detailed to answer 200 or 204, got 503 {")
                .hasMessageContaining("\"status\":\"degraded\"");
    }

    @Test
    void aWrongFieldNamesThePathWhatWasExpectedAndWhatWasFound() {
        assertThatThrownBy(() -> Verify.that(get("/health/detailed")).hasStatus(503).hasField("status", "healthy"))
                .hasMessageStartingWith("expected GET /health/detailed to answer 503 with .status \"healthy\", found \"degraded\"; got 503 {");
        assertThatThrownBy(() -> Verify.that(get("/health/detailed")).hasEveryEntry("services", "healthy"))
                .hasMessageContaining("every entry of .services \"healthy\", found .services.redis \"failed\"");
        assertThatThrownBy(() -> Verify.that(get("/health")).hasField("checks.database"))
                .hasMessageContaining("a value at .checks.database, found none");
        assertThatThrownBy(() -> Verify.that(get("/health")).hasNumberBelow("uptime", 10))
                .hasMessageContaining("a number below 10 at .uptime, found 12.5");
    }

    @Test
    void aDescriptionSaysWhichRequestOfTheCheckItWas() {
        assertThatThrownBy(() -> Verify.that(get("/health")).as("with a wrong password").hasStatus(401))
                .hasMessageStartingWith("[with a wrong password] expected GET /health to answer 401, got 200");
    }

    @Test
    void aBodyThatIsNotJsonIsNamedWithItsContentType() {
        assertThatThrownBy(() -> Verify.that(get("/html")).hasStatus(200).hasField("status", "ok"))
                .hasMessageStartingWith("expected GET /html to answer a JSON body, got 200 text/html")
                .hasMessageContaining("502 Bad Gateway");
    }

    @Test
    void aHeaderNamesWhatCameAndAMissingOneSaysNone() {
        assertThatThrownBy(() -> Verify.that(get("/health")).hasHeader("X-Frame-Options", "SAMEORIGIN"))
                .hasMessageContaining("header X-Frame-Options SAMEORIGIN, found DENY");
        assertThatThrownBy(() -> Verify.that(get("/health")).hasHeader("Content-Security-Policy"))
                .hasMessageContaining("header Content-Security-Policy, found none");
    }

    @Test
    void noSecretReachesTheMessageAndTheBodyIsBounded() {
        redactor.register("s3cr3t-value-xyz");
        redactor.register("s3cr3t-cookie-value");

        assertThatThrownBy(() -> Verify.that(get("/login")).hasStatus(200))
                .hasMessageContaining("got 500").hasMessageContaining(Redactor.MASK)
                .hasMessageNotContaining("tok-1234567890").hasMessageNotContaining("s3cr3t-value-xyz");
        assertThatThrownBy(() -> Verify.that(get("/login")).hasField("error", "fine"))
                .hasMessageContaining("found \"boom " + Redactor.MASK + "\"").hasMessageNotContaining("s3cr3t-value-xyz");
        assertThatThrownBy(() -> Verify.that(get("/long")).hasField("detail", "short"))
                .hasMessageContaining("found \"xxxx").hasMessageContaining("...; got 500").hasMessageEndingWith("characters)");
        assertThatThrownBy(() -> Verify.that(get("/login")).hasHeader("Set-Cookie", "none"))
                .hasMessageContaining("found " + Redactor.MASK).hasMessageNotContaining("s3cr3t-cookie-value");
    }
}
