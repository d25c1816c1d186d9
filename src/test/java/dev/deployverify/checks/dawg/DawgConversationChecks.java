package dev.deployverify.checks.dawg;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Deployment day, 8. Smoke tests, "3. Conversation History": read-only, over the test user's existing history. */
@DawgCheck
@DisplayName("DAWG AI: conversation history")
class DawgConversationChecks {

    private static final int MAX_PAGES = 20;

    private final SystemUnderTest sut;
    private final DawgClient api;

    DawgConversationChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new DawgClient(sut);
    }

    @SmokeCheck
    @Verifies("DAWG-15.10")
    @DisplayName("Conversation list retrieved (GET /api/chat/conversations?userId: the test user's conversations and the total)")
    void conversationListRetrieved() {
        String userId = api.testUserId();
        Response response = api.conversations(userId, 20, 0);
        assertThat(response.statusCode()).as("GET conversations status (body: %s)", response.asString()).isEqualTo(200);
        assertThat(response.<Integer>path("total")).as("conversations .total").isNotNull().isGreaterThanOrEqualTo(0);
        List<Map<String, Object>> conversations = response.path("conversations");
        assertThat(conversations).as("conversations .conversations").isNotNull();
        assertThat(conversations).as("conversations listed for userId %s, expected only that user's", userId)
                .allSatisfy(c -> assertThat(c.get("userId")).as("conversation %s .userId", c.get("id")).isEqualTo(userId));
    }

    @SmokeCheck
    @Verifies("DAWG-15.11")
    @DisplayName("Conversation details loaded (GET /api/chat/conversations/<id> of a listed conversation)")
    void conversationDetailsLoaded() {
        String userId = api.testUserId();
        String id = firstListedConversation(userId);
        Response details = api.conversation(userId, id);
        assertThat(details.statusCode()).as("GET conversation %s status (body: %s)", id, details.asString()).isEqualTo(200);
        assertThat(details.<String>path("id")).as("conversation .id").isEqualTo(id);
        assertThat(details.<List<?>>path("messages")).as("conversation .messages").isNotNull();
    }

    @SmokeCheck
    @Verifies("DAWG-15.12")
    @DisplayName("Message history displayed (a conversation's messages: each with role and content, oldest first, as many as messageCount)")
    void messageHistoryDisplayed() {
        String userId = api.testUserId();
        Response list = api.conversations(userId, 20, 0);
        List<Map<String, Object>> withMessages = list.<List<Map<String, Object>>>path("conversations").stream()
                .filter(c -> c.get("messageCount") instanceof Number n && n.intValue() >= 2).toList();
        Assumptions.assumeFalse(withMessages.isEmpty(), "the test user has no conversation with two or more messages to check");
        Map<String, Object> listed = withMessages.get(0);
        Response details = api.conversation(userId, String.valueOf(listed.get("id")));
        assertThat(details.statusCode()).as("GET conversation %s status (body: %s)", listed.get("id"), details.asString()).isEqualTo(200);
        List<Map<String, Object>> messages = details.path("messages");
        assertThat(messages).as("messages of conversation %s vs its messageCount", listed.get("id"))
                .hasSize(((Number) listed.get("messageCount")).intValue());
        assertThat(messages).as("every message").allSatisfy(m -> {
            assertThat(m.get("role")).as("message .role").isIn("user", "assistant", "system");
            assertThat(String.valueOf(m.get("content"))).as("message .content").isNotBlank();
        });
        List<String> createdAt = messages.stream().map(m -> String.valueOf(m.get("createdAt"))).toList();
        assertThat(createdAt).as("messages' createdAt, expected oldest first").isSorted();
    }

    @SmokeCheck
    @Verifies("DAWG-15.13")
    @DisplayName("Pagination works (limit/offset pages do not overlap and together list the total)")
    void paginationWorks() {
        String userId = api.testUserId();
        int total = api.conversations(userId, 1, 0).path("total");
        Assumptions.assumeTrue(total >= 2, "the test user has " + total + " conversations; pagination needs two or more");
        int limit = Math.max(1, Math.min(5, total / 2)); // at least two pages, whatever the history's size
        List<String> ids = new ArrayList<>();
        int pages = Math.min(MAX_PAGES, (total + limit - 1) / limit);
        Allure.step("Read " + pages + " pages of " + limit + " (total " + total + ")", () -> {
            for (int page = 0; page < pages; page++) {
                Response response = api.conversations(userId, limit, page * limit);
                assertThat(response.statusCode()).as("GET conversations offset %d status", page * limit).isEqualTo(200);
                ids.addAll(response.path("conversations.id"));
            }
        });
        List<String> repeated = ids.stream().filter(id -> ids.indexOf(id) != ids.lastIndexOf(id)).distinct().toList();
        assertThat(repeated).as("conversation ids listed on more than one page (expected none; %d ids over %d pages of %d)",
                ids.size(), pages, limit).isEmpty();
        if (pages * limit >= total) {
            assertThat(new HashSet<>(ids)).as("distinct conversations across all pages vs total").hasSize(total);
        }
    }

    private String firstListedConversation(String userId) {
        Response list = api.conversations(userId, 1, 0);
        List<String> ids = list.path("conversations.id");
        Assumptions.assumeTrue(ids != null && !ids.isEmpty(), "the test user has no conversation to load");
        return ids.get(0);
    }
}
