package dev.deployverify.systems.wcagaii.checks;

import dev.deployverify.junit.Tags;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.ResponseAssert;
import dev.deployverify.verify.Verify;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

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

    private final WcagaiiClient api;

    WcagaiiInputValidationChecks(WcagaiiClient api) {
        this.api = api;
    }

    @ParameterizedTest(name = "{displayName}: {0}")
    @MethodSource("malformedBodies")
    @Tag(Tags.SECURITY)
    @Verifies({"WCAG-2.6", "WCAG-5.7"})
    @DisplayName("Input validation implemented for all endpoints (a malformed body gets 400 naming the field, never 500)")
    void malformedBodyGets400(MalformedBody malformed) {
        Response response = api.authorized().contentType("application/json").body(malformed.body()).post(api.path(malformed.pathKey()));
        ResponseAssert refused = Verify.that(response).as("with %s", malformed.name()).hasStatus(400).hasContentTypeContaining("json");
        if (malformed.field() != null) {
            refused.meets("a body naming the field " + malformed.field(), answer -> response.asString().contains(malformed.field()) ? null : "a body without it");
        }
    }
}
