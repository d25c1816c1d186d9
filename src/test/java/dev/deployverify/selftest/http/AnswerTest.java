package dev.deployverify.selftest.http;

import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.http.Answer;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.reference.ReferenceServer;
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
            config.routes.get("/api/empty", ctx -> ctx.status(200));
            config.routes.get("/api/many", ctx -> ctx.json(Map.of("items", java.util.stream.IntStream.range(0, 2000).boxed().toList())));
            config.routes.get("/api/text", ctx -> ctx.contentType("text/plain").result("{\"status\":\"ok\"}"));
            config.routes.get("/api/huge", ctx -> ctx.contentType("application/json").result("{\"padding\":\""
                    + "x".repeat(17 * 1024 * 1024) + "\"}"));
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

    /**
     * Checks that read {@code response.path(...)} directly get the same failure, never REST Assured's parser error
     * (an XmlPath cast to String for HTML, "RestAssured.defaultParser = Parser.JSON" for a body without a type).
     */
    @Test
    void aChecksOwnPathReadsTheBodyAsJsonOrFailsNamingWhatCame() {
        assertThatThrownBy(() -> get("/api/html").<String>path("status"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected GET /api/html to answer a JSON body, got 200 text/html")
                .hasMessageNotContainingAny("RestAssured", "XmlPath", "Parser.", "groovy");
        assertThatThrownBy(() -> get("/api/empty").path("status"))
                .hasMessageStartingWith("expected GET /api/empty to answer a JSON body, got 200").hasMessageEndingWith("(empty body)");
        assertThatThrownBy(() -> get("/api/html").body().jsonPath())
                .hasMessageStartingWith("expected GET /api/html to answer a JSON body");

        Response items = get("/api/items");
        assertThat(items.<Integer>path("total")).isEqualTo(2);
        assertThat(items.<Integer>path("items[%s].id", "1")).isEqualTo(2);
        assertThat(items.<Object>path("absent")).isNull();
        assertThat(items.jsonPath().getString("name")).isEqualTo("list");
        assertThat(get("/api/text").<String>path("status")).as("JSON served as text/plain").isEqualTo("ok");
        assertThat(Answer.of(items).integer("total")).as("the response a check holds is still the one Answer knows").isEqualTo(2);
    }

    /** A text answer past 16 MB is not read (a 50 MB dump would be read, held and parsed by every check). */
    @Test
    void aHugeTextAnswerFailsTheRequestNamingItsSize() {
        // Javalin gzips it (RestAssured asks for gzip) to a few KB, chunked: what counts is the size decompressed. The
        // hostile server's 50 MB with a Content-Length (HostileTargetTest) is refused before a byte of it is read.
        assertThatThrownBy(() -> get("/api/huge"))
                .hasMessageStartingWith("GET /api/huge answered 200 with ")
                .hasMessageContaining(" bytes of application/json; a check reads at most ");

        Response many = get("/api/many");
        assertThat(many.header("Content-Encoding")).as("a compressed answer of normal size").isEqualTo("gzip");
        assertThat(many.<List<Integer>>path("items")).as("read decompressed").hasSize(2000);
    }

    @Test
    void aResponseFromElsewhereIsNamedByTheCaller() {
        Response response = given().baseUri(server.url()).get("/api/missing");

        assertThatThrownBy(() -> Answer.of(response, "GET /api/missing").expectStatus(200, 201))
                .hasMessageStartingWith("expected GET /api/missing to answer 200 or 201, got 404");
    }
}
