package dev.deployverify.checks.ywmessaging;

import dev.deployverify.http.Answer;
import dev.deployverify.junit.FlowCheck;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Phase 2 smoke "Auth endpoints working", feature validation "Login/logout flow", and the 401 contract. */
@YwMessagingCheck
@DisplayName("YWMessaging: authentication")
class YwAuthChecks {

    /** What a 401 must not carry: stack frames, ORM or driver error text, source paths. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\bat .+\\(?[\\w/.-]+\\.[jt]s:\\d+"),
            Pattern.compile("\"stack\""),
            Pattern.compile("Prisma|Sequelize|QueryFailedError|ECONNREFUSED|node_modules", Pattern.CASE_INSENSITIVE));

    private final SystemUnderTest sut;
    private final YwMessagingClient api;

    YwAuthChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new YwMessagingClient(sut);
    }

    @SmokeCheck
    @Verifies("YW-11.1")
    @DisplayName("Auth endpoints working: POST /api/auth/login returns tokens and httpOnly cookies")
    void loginReturnsTokens() {
        Response response = api.login(sut.requireCredential("email"), sut.requireCredential("password"));
        Answer answer = Answer.expect(response, 200);
        sut.redactor().register(answer.optional("data.accessToken"));
        sut.redactor().register(answer.optional("data.refreshToken"));
        assertThat(answer.<Boolean>value("success")).as("login .success").isTrue();
        assertThat(answer.string("data.accessToken")).as("login data.accessToken").isNotBlank();
        assertThat(answer.string("data.refreshToken")).as("login data.refreshToken").isNotBlank();
        assertThat(response.getDetailedCookie("accessToken")).as("accessToken cookie").isNotNull();
        assertThat(response.getDetailedCookie("accessToken").isHttpOnly()).as("accessToken cookie is httpOnly").isTrue();
    }

    @FlowCheck
    @Verifies("YW-12.1")
    @DisplayName("Login/logout flow complete: the login token opens a protected route")
    void loginTokenOpensProtectedRoute() {
        String token = api.loginAsTestAdmin();
        Response response = Allure.step("Open the conversation list with the token", () -> api.conversations(token, 1, 1));
        assertThat(response.statusCode()).as("GET /api/messages/conversations with the login token").isEqualTo(200);
    }

    @SecurityCheck
    @Verifies("YW-11.1")
    @DisplayName("Login rejects a wrong password with 401")
    void wrongPasswordIsRejected() {
        Response response = api.login(sut.requireCredential("email"), "deploy-verify-wrong-password");
        assertThat(response.statusCode()).as("POST /api/auth/login with a wrong password").isEqualTo(401);
    }

    @SecurityCheck
    @Verifies("YW-11.1")
    @DisplayName("Protected route without a token answers 401 'No token provided' and leaks no internals")
    void noTokenIs401WithoutInternals() {
        Response response = api.request().get(sut.target().path("conversations"));
        assertThat(response.statusCode()).as("GET /api/messages/conversations without a token").isEqualTo(401);
        assertThat(response.<String>path("error")).as("401 .error").isEqualTo("No token provided");
        assertNoInternals(response.asString());
    }

    @SecurityCheck
    @Verifies("YW-11.1")
    @DisplayName("Protected route with an invalid token answers 401 'Invalid or expired token' and leaks no internals")
    void invalidTokenIs401WithoutInternals() {
        Response response = api.authorized("deploy-verify.invalid.token").get(sut.target().path("conversations"));
        assertThat(response.statusCode()).as("GET /api/messages/conversations with an invalid token").isEqualTo(401);
        assertThat(response.<String>path("error")).as("401 .error").isEqualTo("Invalid or expired token");
        assertNoInternals(response.asString());
    }

    private static void assertNoInternals(String body) {
        List<String> found = INTERNALS.stream().filter(p -> p.matcher(body).find()).map(Pattern::pattern).toList();
        assertThat(found).as("internals (stack traces, ORM/driver text) in the 401 body %s", body).isEmpty();
    }
}
