package dev.deployverify.checks.ywmessaging;

import dev.deployverify.http.Answer;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.socketio.SocketIoClient;
import io.qameta.allure.Allure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** YWMessaging's API as the checks use it; paths come from the environment (the code's paths by default). */
final class YwMessagingClient {

    private final SystemUnderTest sut;

    YwMessagingClient(SystemUnderTest sut) {
        this.sut = sut;
    }

    RequestSpecification request() {
        return given().spec(sut.http());
    }

    RequestSpecification authorized(String accessToken) {
        return request().header("Authorization", "Bearer " + accessToken);
    }

    Response get(String pathKey) {
        return request().get(sut.target().path(pathKey));
    }

    Response login(String email, String password) {
        return request().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post(sut.target().path("login"));
    }

    /** Logs the test admin in and returns its access token, registered with the redactor before anything records it. */
    String loginAsTestAdmin() {
        String email = sut.requireCredential("email");
        String password = sut.requireCredential("password");
        return Allure.step("Log in as the test admin", () -> {
            Answer answer = Answer.expect(login(email, password), 200);
            String token = answer.string("data.accessToken");
            sut.redactor().register(token);
            sut.redactor().register(answer.optional("data.refreshToken"));
            return token;
        });
    }

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
