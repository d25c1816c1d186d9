package dev.deployverify.systems.sp404.checks;

import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import dev.deployverify.verify.Verify;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Smoke Tests "Web UI Tests" and Frontend Verification, as far as HTTP shows them: the React shell loads with its
 * assets, client-side routes open from a deep link, the API docs are served. Rendering, console errors and mobile
 * layout need a browser and are not checked here.
 */
@Sp404Check
@DisplayName("SP-404: web UI over HTTP")
class Sp404WebUiChecks {

    private static final Pattern ROOT_ELEMENT = Pattern.compile("<div[^>]+id=[\"']root[\"']", Pattern.CASE_INSENSITIVE);

    private final Sp404Client api;

    Sp404WebUiChecks(Sp404Client api) {
        this.api = api;
    }

    @SmokeCheck
    @Verifies({"SP404-14.1", "SP404-13.1", "SP404-13.2"})
    @DisplayName("Homepage loads: GET / serves the React app's HTML with its root element and script")
    void homePageLoads() {
        Response response = api.get("home");
        Verify.that(response).hasStatus(200).hasContentType("text/html");
        assertThat(ROOT_ELEMENT.matcher(response.asString()).find()).as("GET / has <div id=\"root\"> (body starts: %s)",
                abbreviate(response.asString())).isTrue();
        assertThat(response.asString()).as("GET / loads a script").containsIgnoringCase("<script");
    }

    @SmokeCheck
    @Verifies("SP404-13.2")
    @DisplayName("No broken images or assets: every script, stylesheet and image the home page references loads")
    void assetsLoad() {
        Response home = api.get("home");
        Verify.that(home).hasStatus(200);
        List<String> assets = Sp404Client.sameOriginAssets(home.asString());
        assertThat(assets).as("same-origin assets referenced by GET / (a React build has at least its script)").isNotEmpty();
        List<String> broken = new ArrayList<>();
        for (String asset : assets) {
            Response response = api.request().get(asset);
            if (response.statusCode() != 200 || response.asByteArray().length == 0) {
                broken.add(asset + " -> HTTP " + response.statusCode() + ", " + response.asByteArray().length + " bytes");
            }
        }
        assertThat(broken).as("assets of the home page that do not load (expected 200 with a body; checked %s)", assets).isEmpty();
    }

    @SmokeCheck
    @Verifies("SP404-13.2")
    @DisplayName("All routes work correctly: a deep link to each client-side route serves the app")
    void routesServeTheApp() {
        List<String> routes = Arrays.stream(api.target().setting("uiRoutes").orElse("").split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).toList();
        Assumptions.assumeFalse(routes.isEmpty(), "needs settings.uiRoutes (client-side routes to open)");
        List<String> broken = new ArrayList<>();
        for (String route : routes) {
            Response response = api.request().get(route);
            if (response.statusCode() != 200 || !ROOT_ELEMENT.matcher(response.asString()).find()) {
                broken.add(route + " -> HTTP " + response.statusCode() + " " + abbreviate(response.asString()));
            }
        }
        assertThat(broken).as("routes that do not serve the app (expected 200 with the root element)").isEmpty();
    }

    @SmokeCheck
    @VerifiesContract(
            value = "the system brief sp404-sample-agent.md: Swagger UI at /docs and the OpenAPI document at /api/v1/openapi.json, "
                    + "which documents the routes the checks use",
            uncoveredBecause = "the checklist gives the API docs only as a link under Quick Reference / Important Links, reference information with nothing to confirm")
    @DisplayName("API Docs available (checklist: /api/v1/docs; Swagger UI at /docs, OpenAPI at /api/v1/openapi.json)")
    void apiDocsAvailable() {
        Response docs = api.get("docs");
        Verify.that(docs).hasStatus(200);
        assertThat(docs.asString()).as("GET %s is Swagger UI", api.path("docs")).containsIgnoringCase("swagger-ui");

        Response openApi = api.get("openApi");
        Verify.that(openApi).hasStatus(200);
        JsonPath document = openApi.jsonPath();
        assertThat(document.getString("openapi")).as("OpenAPI version of %s", api.path("openApi")).startsWith("3.");
        Set<String> documented = new LinkedHashSet<>();
        Map<String, Object> paths = document.getMap("paths");
        assertThat(paths).as("paths of %s", api.path("openApi")).isNotNull();
        paths.keySet().forEach(path -> documented.add(template(path)));
        List<String> missing = new ArrayList<>();
        for (String key : List.of("register", "login", "samples", "sample", "analyze", "collections", "collectionSamples",
                "usageSummary", "kits", "kitAssign", "projectFromKit", "sampleExport")) {
            if (!documented.contains(template(api.path(key)))) {
                missing.add(api.path(key));
            }
        }
        assertThat(missing).as("API routes the checks use that %s does not document", api.path("openApi")).isEmpty();
    }

    /** "/api/v1/samples/{sample_id}/analyze" and "/api/v1/samples/{id}/analyze" are the same route. */
    private static String template(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 120) + "..." : flat;
    }
}
