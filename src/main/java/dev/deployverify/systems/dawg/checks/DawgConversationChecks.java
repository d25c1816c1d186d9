package dev.deployverify.systems.dawg.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static dev.deployverify.verify.Verify.assertThat;

/** Deployment day, 8. Smoke tests, "3. Conversation History": read-only, over the test user's existing history. */
@DawgCheck
@DisplayName("DAWG AI: conversation history")
class DawgConversationChecks {

    private static final int MAX_PAGES = 20;

    private final DawgClient api;

    DawgConversationChecks(DawgClient api) {
        this.api = api;
    }

    @SmokeCheck
    @Verifies("DAWG-15.10")
    @DisplayName("Conversation list retrieved (GET /api/chat/conversations?userId: the test user's conversations and the total)")
    void conversationListRetrieved() {
        String userId = api.testUserId();
        Answer answer = Answer.expect(api.conversations(userId, 20, 0), 200);
        assertThat(answer.integer("total")).as("conversations .total").isGreaterThanOrEqualTo(0);
        List<Map<String, Object>> conversations = answer.list("conversations");
        assertThat(conversations).as("conversations listed for userId %s, expected only that user's", userId)
                .allSatisfy(c -> assertThat(c.get("userId")).as("conversation %s .userId", c.get("id")).isEqualTo(userId));
    }

    @SmokeCheck
    @Verifies("DAWG-15.11")
    @DisplayName("Conversation details loaded (GET /api/chat/conversations/<id> of a listed conversation)")
    void conversationDetailsLoaded() {
        String userId = api.testUserId();
        String id = firstListedConversation(userId);
        Answer details = Answer.expect(api.conversation(userId, id), 200);
        assertThat(String.valueOf(details.<Object>value("id"))).as("conversation .id").isEqualTo(id);
        details.list("messages");
    }

    @SmokeCheck
    @Verifies("DAWG-15.12")
    @DisplayName("Message history displayed (a conversation's messages: each with role and content, oldest first, as many as messageCount)")
    void messageHistoryDisplayed() {
        String userId = api.testUserId();
        List<Map<String, Object>> withMessages = Answer.expect(api.conversations(userId, 20, 0), 200)
                .<Map<String, Object>>list("conversations").stream()
                .filter(c -> c.get("messageCount") instanceof Number n && n.intValue() >= 2).toList();
        Assumptions.assumeFalse(withMessages.isEmpty(), "the test user has no conversation with two or more messages to check");
        Map<String, Object> listed = withMessages.get(0);
        List<Map<String, Object>> messages = Answer.expect(api.conversation(userId, String.valueOf(listed.get("id"))), 200).list("messages");
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
        int total = Answer.expect(api.conversations(userId, 1, 0), 200).integer("total");
        Assumptions.assumeTrue(total >= 2, "the test user has " + total + " conversations; pagination needs two or more");
        int limit = Math.max(1, Math.min(5, total / 2)); // at least two pages, whatever the history's size
        List<String> ids = new ArrayList<>();
        int pages = Math.min(MAX_PAGES, (total + limit - 1) / limit);
        Allure.step("Read " + pages + " pages of " + limit + " (total " + total + ")", () -> {
            for (int page = 0; page < pages; page++) {
                ids.addAll(Answer.expect(api.conversations(userId, limit, page * limit), 200).list("conversations.id"));
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
        // A wrong answer fails here; only a genuinely empty list skips the check.
        List<Object> ids = Answer.expect(api.conversations(userId, 1, 0), 200).list("conversations.id");
        Assumptions.assumeTrue(!ids.isEmpty(), "the test user has no conversation to load");
        return String.valueOf(ids.get(0));
    }
}
