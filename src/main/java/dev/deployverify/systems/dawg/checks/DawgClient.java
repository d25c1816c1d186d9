package dev.deployverify.systems.dawg.checks;

import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.verify.SystemClient;
import io.qameta.allure.Allure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DAWG AI's API as the checks use it; paths come from the environment (the code's paths by default). Requests carry
 * the test user as {@code x-user-id} (what the code trusts) and, when the environment gives one, the checklist's
 * {@code Authorization: Bearer $TEST_TOKEN}.
 */
final class DawgClient extends SystemClient {

    public DawgClient(SystemUnderTest sut) {
        super(sut);
    }

    /** The synthetic test user, or the check is skipped saying the environment names none. */
    String testUserId() {
        return sut.requireSetting("testUserId", "the synthetic test user whose chats, beats and history the checks use");
    }

    @Override
    public RequestSpecification request() {
        RequestSpecification spec = super.request();
        sut.target().credential("testToken").ifPresent(token -> {
            sut.redactor().register(token);
            spec.header("Authorization", "Bearer " + token);
        });
        return spec;
    }

    /** The genre of the checklist's request, "create a trap beat at 140 bpm" ({@code settings.beatGenre}). */
    String beatGenre() {
        return sut.target().setting("beatGenre").orElse("trap");
    }

    /** The socket.io event the server acknowledges, to time a round trip ({@code settings.latencyProbeEvent}). */
    String latencyProbeEvent() {
        return sut.target().setting("latencyProbeEvent").orElse("ping");
    }

    RequestSpecification asUser(String userId) {
        return request().header("x-user-id", userId);
    }

    Response chat(String userId, String conversationId, String message) {
        return asUser(userId).contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "conversationId", conversationId, "message", message))
                .post(sut.target().path("chatMessage"));
    }

    Response conversations(String userId, int limit, int offset) {
        return asUser(userId).queryParam("userId", userId).queryParam("limit", limit).queryParam("offset", offset)
                .get(sut.target().path("conversations"));
    }

    /**
     * GET the user's first conversation page as the load engine sends it (no REST Assured): x-user-id, and the test
     * token where there is one.
     */
    HttpRequest.Builder conversationListRequest(String userId) {
        HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(sut.target().url("conversations") + "?limit=20&offset=0&userId="
                + URLEncoder.encode(userId, StandardCharsets.UTF_8))).header("x-user-id", userId);
        sut.target().credential("testToken").ifPresent(token -> list.header("Authorization", "Bearer " + token));
        return list;
    }

    Response conversation(String userId, String conversationId) {
        return asUser(userId).get(sut.target().path("conversations") + "/" + conversationId);
    }

    /** Deletes what a check created, where the API allows; the outcome is recorded, never a reason to fail. */
    void deleteConversation(String userId, String conversationId) {
        Allure.step("Clean up: DELETE conversation " + conversationId, () -> {
            int status = asUser(userId).delete(sut.target().path("conversations") + "/" + conversationId).statusCode();
            Allure.step("DELETE answered " + status + (status == 404 || status == 405 ? " (the API does not allow it; left in place)" : ""));
        });
    }

    Response generateBeat(String userId, Map<String, Object> body) {
        return asUser(userId).contentType(ContentType.JSON).body(body).post(sut.target().path("generateBeat"));
    }

    Response generationStatus(String userId, String jobId) {
        return asUser(userId).get(sut.target().path("generationStatus") + "/" + jobId);
    }

    Response queueStats() {
        return get("queueStats");
    }

    /** Connects socket.io the way the web app does: {@code auth: {userId}}, joining room user:&lt;id&gt;. */
    SocketIoClient socket(String userId) {
        Map<String, String> headers = sut.target().credential("testToken")
                .map(token -> Map.of("Authorization", "Bearer " + token)).orElse(Map.of());
        return SocketIoClient.connect(sut.target().wsUrl(), sut.target().path("socketIo"), Map.of("userId", userId),
                headers, sut.timeouts().connect(), sut.redactor());
    }
}
