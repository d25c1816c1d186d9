package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.verify.SystemClient;
import io.qameta.allure.Allure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

/** YWMessaging's API as the checks use it; paths come from the environment (the code's paths by default). */
final class YwMessagingClient extends SystemClient {

    public YwMessagingClient(SystemUnderTest sut) {
        super(sut);
    }

    /** The member that receives the checks' test SMS, or the check is skipped saying the environment names none. */
    String testMemberId() {
        return sut.requireSetting("testMemberId", "the member that receives the check's test SMS");
    }

    RequestSpecification authorized(String accessToken) {
        return request().header("Authorization", "Bearer " + accessToken);
    }

    Response login(String email, String password) {
        return request().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post(sut.target().path("login"));
    }

    /** What the run's one login of the test admin answered; its tokens are registered with the redactor. */
    record Login(Answer answer, boolean accessCookie, boolean accessCookieHttpOnly) {
    }

    /**
     * The test admin's login, once per run and shared by every check class: the real code's /api limiter allows 50
     * requests a window and its login route 5 failed attempts, so a login per class (or a failed login repeated) would
     * spend the run's budget and could lock the test account out. The tokens live 15 minutes, longer than a run.
     */
    Login testAdminLogin() {
        String email = sut.requireCredential("email");
        String password = sut.requireCredential("password");
        return sut.shared("test admin login", () -> Allure.step("Log in as the test admin (once per run)", () -> {
            Response response = login(email, password);
            Answer answer = Answer.of(response);
            if (response.statusCode() == 200) {
                // Registered before anything records them; read leniently here, demanded by the checks that need them.
                sut.redactor().register(answer.optional("data.accessToken"));
                sut.redactor().register(answer.optional("data.refreshToken"));
            }
            var cookie = response.getDetailedCookie("accessToken");
            return new Login(answer, cookie != null, cookie != null && cookie.isHttpOnly());
        }));
    }

    /** The test admin's access token from the run's one login; the check fails (each that needs it) when it failed. */
    String loginAsTestAdmin() {
        return testAdminLogin().answer().expectStatus(200).string("data.accessToken");
    }

    /**
     * GET conversations?page=1&limit=20 with the login's token, once per run: the listing, its pagination and the
     * login flow read the same answer instead of asking again.
     */
    Response firstConversationPage() {
        String token = loginAsTestAdmin();
        return sut.shared("conversations page 1", () -> conversations(token, 1, FIRST_PAGE_LIMIT));
    }

    /** The page size of {@link #firstConversationPage()}: the API's default. */
    static final int FIRST_PAGE_LIMIT = 20;

    Response sendMessage(String accessToken, String memberId, String content) {
        return authorized(accessToken).contentType(ContentType.JSON)
                .body(Map.of("content", content, "targetType", "individual", "targetIds", List.of(memberId)))
                .post(sut.target().path("sendMessage"));
    }

    Response conversations(String accessToken, int page, int limit) {
        return authorized(accessToken).queryParam("page", page).queryParam("limit", limit)
                .get(sut.target().path("conversations"));
    }

    SocketIoClient socket(Map<String, ?> auth) {
        return SocketIoClient.connect(sut.target().wsUrl(), sut.target().path("socketIo"), auth, Map.of(),
                sut.timeouts().connect(), sut.redactor());
    }
}
