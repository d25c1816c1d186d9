package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Tags;
import dev.deployverify.junit.Verifies;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security "Input validation implemented for all endpoints" and Testing "Error handling tested": every malformed
 * body gets a 400 whose JSON names the offending field; never a 500.
 */
@WcagaiiCheck
@DisplayName("WCAGAII: input validation")
class WcagaiiInputValidationChecks {

    /** A malformed request: the route (a path key), the raw body, and the field the 400 must name. */
    record MalformedBody(String name, String pathKey, String body, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<MalformedBody> malformedBodies() {
        return List.of(
                new MalformedBody("scan without type", "scan", "{\"input\":\"<p>x</p>\"}", "type"),
                new MalformedBody("scan with an unknown type", "scan", "{\"type\":\"pdf\",\"input\":\"<p>x</p>\"}", "type"),
                new MalformedBody("scan whose input is a number", "scan", "{\"type\":\"html\",\"input\":42}", "input"),
                new MalformedBody("url scan whose input is not a URL", "scan", "{\"type\":\"url\",\"input\":\"not a url\"}", "input"),
                new MalformedBody("scan timeout below 5000 ms", "scan", "{\"type\":\"html\",\"input\":\"<p>x</p>\",\"options\":{\"timeout\":100}}", "timeout"),
                new MalformedBody("scan timeout above 60000 ms", "scan", "{\"type\":\"html\",\"input\":\"<p>x</p>\",\"options\":{\"timeout\":600000}}", "timeout"),
                new MalformedBody("scan with a body that is not JSON", "scan", "this is not json", null),
                new MalformedBody("scan with a JSON array body", "scan", "[]", null),
                new MalformedBody("bulk scan with no URLs", "bulkScan", "{\"urls\":[]}", "urls"),
                new MalformedBody("bulk scan whose urls is a string", "bulkScan", "{\"urls\":\"https://example.com\"}", "urls"),
                new MalformedBody("bulk scan with 101 URLs", "bulkScan", "{\"urls\":[" + "\"https://deploy-verify.invalid/\",".repeat(100)
                        + "\"https://deploy-verify.invalid/\"]}", "urls"));
    }

    private final SystemUnderTest sut;
    private final WcagaiiClient api;

    WcagaiiInputValidationChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new WcagaiiClient(sut);
    }

    @ParameterizedTest(name = "{displayName}: {0}")
    @MethodSource("malformedBodies")
    @Tag(Tags.SECURITY)
    @Verifies({"WCAG-2.6", "WCAG-5.7"})
    @DisplayName("Input validation implemented for all endpoints (a malformed body gets 400 naming the field, never 500)")
    void malformedBodyGets400(MalformedBody malformed) {
        String path = sut.target().path(malformed.pathKey());
        Response response = api.authorized().contentType("application/json").body(malformed.body()).post(path);
        assertThat(response.statusCode()).as("POST %s with %s: expected 400, body %s", path, malformed.name(), response.asString())
                .isEqualTo(400);
        assertThat(response.contentType()).as("POST %s with %s: Content-Type of the 400", path, malformed.name()).contains("json");
        if (malformed.field() != null) {
            assertThat(response.asString()).as("POST %s with %s: the 400 body names the field", path, malformed.name())
                    .contains(malformed.field());
        }
    }
}
