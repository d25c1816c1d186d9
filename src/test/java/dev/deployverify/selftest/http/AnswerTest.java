package dev.deployverify.selftest.http;

import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.http.Answer;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.reference.support.ReferenceServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Status X and a body of shape Y", demanded through {@link Answer}: whatever came instead fails with a message
 * naming the method, the path, the status expected and the status and (redacted) body that came.
 */
class AnswerTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

    private ReferenceServer server;
    private final Redactor redactor = new Redactor();

    @BeforeEach
    void start() {
        server = ReferenceServer.start(config -> {
            config.routes.get("/api/items", ctx -> ctx.json(Map.of("items", List.of(Map.of("id", 1), Map.of("id", 2)), "total", 2,
                    "name", "list")));
            config.routes.get("/api/missing", ctx -> ctx.status(404).json(Map.of("error", "Not Found", "message", "no such list")));
            config.routes.get("/api/html", ctx -> ctx.html("<html><body><h1>502 Bad Gateway</h1></body></html>"));
            config.routes.get("/api/leaky", ctx -> ctx.status(500).json(Map.of("error", "boom", "token", "s3cr3t-value-xyz")));
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
    void theExpectedAnswerGivesItsTypedValues() {
        Answer answer = Answer.expect(get("/api/items"), 200);

        List<Map<String, Object>> items = answer.list("items");
        assertThat(items).hasSize(2);
        assertThat(answer.integer("total")).isEqualTo(2);
        assertThat(answer.string("name")).isEqualTo("list");
        assertThat(answer.<List<Integer>>value("items.id")).containsExactly(1, 2);
        assertThat(answer.object("")).containsKeys("items", "total");
        assertThat(answer.<Object>optional("absent")).isNull();
    }

    /** Observed: a 404 JSON body where a list was expected gave NullPointerException: Response.path(...) is null. */
    @Test
    void anUnexpectedStatusNamesTheRequestTheStatusesAndTheBody() {
        assertThatThrownBy(() -> Answer.expect(get("/api/missing?page=1"), 200).list("items"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected GET /api/missing?page=1 to answer 200, got 404 {")
                .hasMessageContaining("\"error\":\"Not Found\"").hasMessageContaining("\"message\":\"no such list\"");
    }

    @Test
    void aBodyOfTheWrongShapeNamesThePathAndWhatWasThere() {
        assertThatThrownBy(() -> Answer.expect(get("/api/items"), 200).list("conversations"))
                .hasMessageStartingWith("expected GET /api/items to answer 200 with a list at .conversations, found none; got 200 {");
        assertThatThrownBy(() -> Answer.expect(get("/api/items"), 200).list("name"))
                .hasMessageContaining("with a list at .name, found String list");
        assertThatThrownBy(() -> Answer.of(get("/api/missing")).list("items"))
                .hasMessageStartingWith("expected GET /api/missing to answer a list at .items, found none; got 404");
    }

    @Test
    void aBodyThatIsNotJsonIsNamedWithItsContentType() {
        assertThatThrownBy(() -> Answer.expect(get("/api/html"), 200).list("items"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected GET /api/html to answer 200 with a JSON body, got 200 text/html")
                .hasMessageContaining("502 Bad Gateway");
    }

    @Test
    void theBodyExcerptIsRedactedAndBounded() {
        redactor.register("s3cr3t-value-xyz");

        assertThatThrownBy(() -> Answer.expect(get("/api/leaky"), 200))
                .hasMessageContaining("got 500").hasMessageContaining(Redactor.MASK).hasMessageNotContaining("s3cr3t-value-xyz");
    }

    @Test
    void aResponseFromElsewhereIsNamedByTheCaller() {
        Response response = given().baseUri(server.url()).get("/api/missing");

        assertThatThrownBy(() -> Answer.of(response, "GET /api/missing").expectStatus(200, 201))
                .hasMessageStartingWith("expected GET /api/missing to answer 200 or 201, got 404");
    }
}
