package dev.deployverify.systems.ywmessaging.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.junit.FlowCheck;
import dev.deployverify.junit.Mutating;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.socketio.SocketIoException;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.deployverify.verify.Verify.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Phase 2 smoke "Message endpoints", "Conversation listing", "WebSocket connections" and feature validation
 * "Send SMS functionality": a message sent to the test member shows up in its conversation and as a socket.io event.
 */
@YwMessagingCheck
@DisplayName("YWMessaging: messages, conversations, WebSocket")
class YwMessagingFlowChecks {

    private static final String SENDS = "sends one SMS to the configured test member";

    private final YwMessagingClient api;

    YwMessagingFlowChecks(YwMessagingClient api) {
        this.api = api;
    }

    @SmokeCheck
    @Verifies("YW-11.3")
    @DisplayName("Conversation listing working: GET /api/v1/conversations (served at /api/messages/conversations)")
    void conversationListing() {
        Verify.that(api.firstConversationPage()).hasStatus(200).hasField("success", true).hasField("data")
                .hasField("pagination.page", 1).hasField("pagination.total");
    }

    @SmokeCheck
    @Verifies("YW-11.3")
    @DisplayName("Conversation listing paginates: pages do not overlap and together list the total")
    void conversationPagination() {
        String token = api.loginAsTestAdmin();
        int limit = YwMessagingClient.FIRST_PAGE_LIMIT;
        Answer first = Answer.expect(api.firstConversationPage(), 200);
        int total = first.integer("pagination.total");
        int pages = first.integer("pagination.pages");
        assertThat(pages).as("pagination.pages for total %d at limit %d", total, limit).isEqualTo((total + limit - 1) / limit);
        // At most three pages (the first, the second, the last): each request counts against the /api limiter.
        List<String> ids = new ArrayList<>(first.list("data.id"));
        List<Integer> walked = new ArrayList<>(List.of(1));
        for (int page : new int[]{2, pages}) {
            if (page > 1 && page <= pages && !walked.contains(page)) {
                List<String> pageIds = Answer.expect(api.conversations(token, page, limit), 200).list("data.id");
                if (page == pages) {
                    assertThat(pageIds).as("conversations on the last page %d of %d (total %d, limit %d)", page, pages, total, limit)
                            .hasSize(total - (pages - 1) * limit);
                }
                ids.addAll(pageIds);
                walked.add(page);
            }
        }
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).as("conversation ids across pages %s (duplicates mean overlapping pages)", walked).hasSameSizeAs(ids);
        if (pages <= 3) {
            assertThat(ids).as("conversations listed across all pages vs pagination.total").hasSize(total);
        }
    }

    @SmokeCheck
    @Mutating(SENDS)
    @Verifies("YW-11.2")
    @DisplayName("Message endpoints working: POST /api/v1/messages (served at /api/messages/send) answers 201 pending")
    void sendMessage() {
        Verify.that(runMessage().response()).hasStatus(201).hasField("data.status", "pending").hasField("data.totalRecipients", 1);
    }

    @FlowCheck
    @Mutating(SENDS)
    @Verifies("YW-12.2")
    @DisplayName("Send SMS functionality working: the sent message shows up as the member's conversation lastMessage")
    void sentMessageShowsUpInConversation() {
        String memberId = api.testMemberId();
        String token = api.loginAsTestAdmin();
        SentMessage message = runMessage();
        String content = message.content();
        Verify.that(message.response()).as("sending '%s'", content).hasStatus(201);
        // Polled once a second (each poll counts against the /api limiter), for at most the flow timeout.
        Allure.step("The test member's conversation shows it as lastMessage", () ->
                await("the sent message appears as the test member's lastMessage")
                        .atMost(api.sut().timeouts().flow())
                        .pollDelay(java.time.Duration.ZERO)
                        .pollInterval(java.time.Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(lastMessageOf(token, memberId))
                                .as("lastMessage.content of the test member's conversation").isEqualTo(content)));
    }

    @SmokeCheck
    @Verifies("YW-11.4")
    @DisplayName("WebSocket connections working: socket.io handshake, connect with token, 'connected' event")
    void webSocketConnects() {
        String token = api.loginAsTestAdmin();
        try (SocketIoClient socket = api.socket(Map.of("token", token))) {
            try {
                SocketIoClient.Event connected = socket.awaitEvent("connected", payload -> true, api.sut().timeouts().flow());
                assertThat(connected.payload().path("churchId").asText()).as("'connected' event .churchId").isNotBlank();
                assertThat(connected.payload().path("status").asText()).as("'connected' event .status").isEqualTo("connected");
            } finally {
                Allure.addAttachment("socket.io frames", "text/plain", socket.transcript(), ".txt");
            }
        }
    }

    @FlowCheck
    @Mutating(SENDS)
    @Verifies("YW-11.4")
    @DisplayName("WebSocket connections working: a sent message reaches the tenant room as 'message:sent'")
    void sentMessageArrivesOverWebSocket() {
        String memberId = api.testMemberId();
        String token = api.loginAsTestAdmin();
        try (SocketIoClient socket = Allure.step("Connect socket.io with the admin's token", () -> api.socket(Map.of("token", token)))) {
            try {
                String messageId = Allure.step("Send a message to the test member", () -> {
                    return Answer.expect(api.sendMessage(token, memberId, "deploy-verify websocket " + shortId()), 201)
                            .string("data.id");
                });
                SocketIoClient.Event event = Allure.step("'message:sent' arrives for that message", () ->
                        socket.awaitEvent("message:sent", p -> messageId.equals(p.path("messageId").asText()), api.sut().timeouts().flow()));
                assertThat(event.payload().path("status").asText()).as("message:sent .status").isEqualTo("pending");
                assertThat(event.payload().path("recipientCount").asInt()).as("message:sent .recipientCount").isEqualTo(1);
            } finally {
                Allure.addAttachment("socket.io frames", "text/plain", socket.transcript(), ".txt");
            }
        }
    }

    @SecurityCheck
    @Verifies("YW-11.4")
    @DisplayName("WebSocket refuses a socket.io connection without a token")
    void webSocketRefusesWithoutToken() {
        // On its message, not the throwable: AssertJ would quote the throwable's whole stack trace in the failure.
        Throwable refusal = catchThrowable(() -> api.socket(Map.of()).close());
        String outcome = refusal == null ? "connected" : refusal.getClass().getSimpleName() + ": " + refusal.getMessage();
        assertThat(outcome).as("socket.io connect without a token must be refused with a connect error")
                .startsWith(SocketIoException.class.getSimpleName() + ": ").contains("refused");
    }

    /** The run's one test SMS to the test member, shared by the send check and the conversation check. */
    private record SentMessage(String content, Response response) {
    }

    private SentMessage runMessage() {
        String memberId = api.testMemberId();
        String token = api.loginAsTestAdmin();
        return api.sut().shared("test message", () -> {
            String content = "deploy-verify " + shortId();
            return Allure.step("Send '" + content + "' to the test member (once per run)",
                    () -> new SentMessage(content, api.sendMessage(token, memberId, content)));
        });
    }

    private String lastMessageOf(String token, String memberId) {
        for (int page = 1; page <= 3; page++) {  // the newest first: the member's conversation is on page 1
            List<Map<String, Object>> data = Answer.expect(api.conversations(token, page, 100), 200).list("data");
            if (data.isEmpty()) {
                return null;
            }
            for (Map<String, Object> conversation : data) {
                @SuppressWarnings("unchecked")
                Map<String, Object> member = (Map<String, Object>) conversation.get("member");
                if (member != null && memberId.equals(member.get("id"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> last = (Map<String, Object>) conversation.get("lastMessage");
                    return last == null ? null : String.valueOf(last.get("content"));
                }
            }
        }
        return null;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
