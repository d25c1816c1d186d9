package dev.deployverify.systems.dawg.checks;

import dev.deployverify.http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deployverify.junit.FlowCheck;
import dev.deployverify.junit.Mutating;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.verify.Thresholds;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Deployment day, 8. Smoke tests, "1. Chat Message Flow": the checklist's request "create a trap beat at 140 bpm",
 * sent as the test user into a fresh conversation that is deleted afterwards.
 */
@DawgCheck
@Mutating("sends chat messages as the test user into a new conversation, deleted afterwards")
@DisplayName("DAWG AI: chat message flow")
class DawgChatChecks {

    private final DawgClient api;
    private final List<String> created = new ArrayList<>();

    DawgChatChecks(DawgClient api) {
        this.api = api;
    }

    @AfterEach
    void cleanUp() {
        created.forEach(id -> api.deleteConversation(api.testUserId(), id));
    }

    @SmokeCheck
    @Verifies("DAWG-15.1")
    @DisplayName("Chat message sent successfully (POST /api/chat/message answers 200 with the conversationId and a reply)")
    void chatMessageSent() {
        String conversationId = newConversationId();
        Answer response = send(api.testUserId(), conversationId);
        assertThat(response.string("conversationId")).as("reply .conversationId").isEqualTo(conversationId);
        assertThat(response.string("message")).as("reply .message").isNotBlank();
    }

    @SmokeCheck
    @Verifies("DAWG-15.2")
    @DisplayName("Intent detected correctly ('create a trap beat at 140 bpm': a beat intent with genre trap and bpm 140)")
    void intentDetected() {
        String genre = api.beatGenre();
        Thresholds.applied("settings.beatGenre", genre);
        int bpm = api.thresholds().count("beatBpm");
        Answer response = send(api.testUserId(), newConversationId());
        assertThat(response.string("intent")).as("reply .intent (entities: %s)", response.<Object>optional("entities"))
                .containsIgnoringCase("beat");
        assertThat(String.valueOf(response.<Object>optional("entities.genre"))).as("reply .entities.genre").isEqualToIgnoringCase(genre);
        assertThat(String.valueOf(response.<Object>optional("entities.bpm"))).as("reply .entities.bpm")
                .isEqualTo(String.valueOf(bpm));
    }

    @FlowCheck
    @Verifies("DAWG-15.3")
    @DisplayName("Response streamed via WebSocket (chat:stream chunks, then chat:complete with the reply, in room conversation:<id>)")
    void responseStreamed() {
        String userId = api.testUserId();
        String conversationId = newConversationId();
        try (SocketIoClient socket = Allure.step("Connect socket.io and join conversation:" + conversationId, () -> {
            SocketIoClient client = api.socket(userId);
            client.emit("join:conversation", Map.of("conversationId", conversationId));
            awaitJoinProcessed(client);
            return client;
        })) {
            try {
                String reply = send(userId, conversationId).string("message");
                JsonNode complete = Allure.step("chat:complete arrives for the conversation", () -> socket.awaitEvent("chat:complete",
                        p -> conversationId.equals(p.path("conversationId").asText()), api.sut().timeouts().flow()).payload());
                StringBuilder streamed = new StringBuilder();
                socket.events().stream()
                        .filter(e -> e.name().equals("chat:stream") && conversationId.equals(e.payload().path("conversationId").asText()))
                        .forEach(e -> streamed.append(e.payload().path("chunk").asText()));
                assertThat(streamed.toString()).as("chat:stream chunks before chat:complete, joined").isNotEmpty().isEqualTo(reply);
                assertThat(complete.path("message").asText()).as("chat:complete .message vs the HTTP reply").isEqualTo(reply);
            } finally {
                Allure.addAttachment("socket.io frames", "text/plain", socket.transcript(), ".txt");
            }
        }
    }

    @FlowCheck
    @Verifies("DAWG-15.4")
    @DisplayName("Message persisted to database (GET /api/chat/conversations/<id> lists the message and the reply, in order)")
    void messagePersisted() {
        String userId = api.testUserId();
        String conversationId = newConversationId();
        String reply = send(userId, conversationId).string("message");
        Answer conversation = Answer.expect(Allure.step("Read the conversation back", () -> api.conversation(userId, conversationId)), 200);
        assertThat(conversation.<String>list("messages.content")).as("persisted messages' content, in order")
                .containsExactly(message(), reply);
        assertThat(conversation.<String>list("messages.role")).as("persisted messages' roles").containsExactly("user", "assistant");
    }

    /**
     * The join has no acknowledgement, so a round trip on the same connection (which the server handles in order)
     * makes sure the server has read it before the message is sent; a server that acknowledges no probe leaves a
     * small race, which the latency check reports on its own.
     */
    private void awaitJoinProcessed(SocketIoClient client) {
        try {
            client.emitWithAck(api.latencyProbeEvent(), Map.of(), api.sut().timeouts().request());
        } catch (AssertionError noAck) {
            Allure.step("The server acknowledged no '" + api.latencyProbeEvent() + "' probe; sending without confirming the join");
        }
    }

    private Answer send(String userId, String conversationId) {
        return Allure.step("POST '" + message() + "' to conversation " + conversationId, () -> {
            Response response = api.chat(userId, conversationId, message());
            created.add(conversationId);
            return Answer.expect(response, 200);
        });
    }

    private String message() {
        return "create a " + api.beatGenre() + " beat at " + api.target().intThreshold("beatBpm") + " bpm";
    }

    private static String newConversationId() {
        return "deploy-verify-" + UUID.randomUUID();
    }
}
