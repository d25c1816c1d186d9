package dev.deployverify.systems.sp404.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.audio.Wav;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import dev.deployverify.verify.HealthVerification;
import dev.deployverify.verify.Verify;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Smoke Tests "API Tests" (the read-only ones), Backend "Error handling tested", Web UI "Search/filter works" and
 * Audio "Audio playback works", as far as they are read-only: safe in production.
 */
@Sp404Check
@DisplayName("SP-404: API")
class Sp404ApiChecks {

    private final Sp404Client api;

    Sp404ApiChecks(Sp404Client api) {
        this.api = api;
    }

    @SmokeCheck
    @Verifies({"SP404-15.1", "SP404-12.4"})
    @DisplayName("GET /health returns 200 (status healthy, version reported)")
    void healthReturns200(HealthVerification health) {
        health.up("health", "status", "healthy").hasNonBlankField("version");
    }

    @SmokeCheck
    @Verifies({"SP404-13.3", "SP404-3.3"})
    @DisplayName("API endpoints respond correctly: HTTP Basic login returns a bearer token that opens the API")
    void loginReturnsBearerToken() {
        Response login = api.basicLogin(api.sut().requireCredential("email"), api.sut().requireCredential("password"));
        api.sut().redactor().register(login.path("access_token"));
        api.sut().redactor().register(login.path("refresh_token"));
        Verify.that(login).as("HTTP Basic login").hasStatus(200).hasFieldIgnoringCase("token_type", "bearer")
                .hasNonBlankField("access_token").hasNonBlankField("refresh_token");
        Verify.that(api.request().header("Authorization", "Bearer " + login.path("access_token")).get(api.path("usageSummary")))
                .as("with the login's bearer token").hasStatus(200);
    }

    @SecurityCheck
    @Verifies("SP404-3.3")
    @DisplayName("API endpoints respond correctly: login with a wrong password is refused with 401")
    void wrongPasswordIsRefused() {
        Verify.that(api.basicLogin(api.sut().requireCredential("email"), "deploy-verify-wrong-password")).as("with a wrong password")
                .hasStatus(401).hasNoField("access_token");
    }

    @SmokeCheck
    @Verifies({"SP404-15.2", "SP404-13.3", "SP404-13.5"})
    @DisplayName("GET /api/v1/samples returns data: a page with items, total, page, pages and limit")
    void samplesReturnData() {
        Response response = api.listSamples(Map.of("page", 1, "limit", 100));
        Answer answer = Answer.expect(response, 200);
        List<Map<String, Object>> items = answer.list("items");
        int total = answer.integer("total");
        assertThat(response.<Integer>path("page")).as(".page").isEqualTo(1);
        assertThat(response.<Integer>path("limit")).as(".limit").isEqualTo(100);
        assertThat(response.<Integer>path("pages")).as(".pages for total %d at limit 100", total).isEqualTo((total + 99) / 100);
        assertThat(items).as("items on page 1 of %d samples", total).hasSize(Math.min(total, 100));
        assertThat(items).as("every sample has id, title, bpm, musical_key, tags and file_url")
                .allSatisfy(item -> assertThat(item).containsKeys("id", "title", "bpm", "musical_key", "tags", "file_url"));
    }

    @SmokeCheck
    @Verifies("SP404-14.6")
    @DisplayName("Search/filter works: search, genre and BPM range return only matching samples")
    void searchAndFiltersReturnMatches() {
        // A wrong answer fails here; only a genuinely empty library skips the check.
        List<Map<String, Object>> items = Answer.expect(api.listSamples(Map.of("page", 1, "limit", 100)), 200).list("items");
        Assumptions.assumeTrue(!items.isEmpty(),
                "needs at least one sample in the library to search for, and none is listed");
        Map<String, Object> probe = items.stream().filter(i -> i.get("bpm") != null && i.get("genre") != null).findFirst()
                .orElse(items.get(0));
        String title = String.valueOf(probe.get("title"));
        String term = title.length() > 6 ? title.substring(2, 6) : title;
        List<Map<String, Object>> found = Answer.expect(api.listSamples(Map.of("page", 1, "limit", 100, "search", term)), 200).list("items");
        assertThat(found).as("search '%s' results", term).isNotEmpty()
                .allSatisfy(i -> assertThat(String.valueOf(i.get("title"))).as("title of a search hit").containsIgnoringCase(term));
        if (probe.get("genre") != null) {
            String genre = String.valueOf(probe.get("genre"));
            List<Map<String, Object>> ofGenre = Answer.expect(api.listSamples(Map.of("page", 1, "limit", 100, "genre", genre)), 200).list("items");
            assertThat(ofGenre).as("genre=%s results", genre).isNotEmpty()
                    .allSatisfy(i -> assertThat(String.valueOf(i.get("genre"))).as("genre of a hit").isEqualToIgnoringCase(genre));
        }
        if (probe.get("bpm") != null) {
            double bpm = ((Number) probe.get("bpm")).doubleValue();
            double min = Math.floor(bpm - 5);
            double max = Math.ceil(bpm + 5);
            List<Map<String, Object>> inRange = Answer.expect(api.listSamples(Map.of("page", 1, "limit", 100, "bpm_min", min, "bpm_max", max)), 200)
                    .list("items");
            assertThat(inRange).as("bpm_min=%s&bpm_max=%s results", min, max).isNotEmpty()
                    .allSatisfy(i -> assertThat(((Number) i.get("bpm")).doubleValue()).as("bpm of a hit").isBetween(min, max));
        }
    }

    @SmokeCheck
    @VerifiesContract(
            value = "the API contract of the system brief sp404-sample-agent.md: the pages of GET /api/v1/samples/ (page, limit, pages, "
                    + "total) do not overlap and add up to the total",
            uncoveredBecause = "'GET /api/v1/samples returns data' (SP404-15.2) and 'Search/filter works' (SP404-14.6) are verified by their own checks; "
                    + "no item names pagination")
    @DisplayName("Search/filter works: pages of the sample list do not overlap and add up to the total")
    void pagesDoNotOverlap() {
        int limit = 5;
        Answer first = Answer.expect(api.listSamples(Map.of("page", 1, "limit", limit)), 200);
        int total = first.integer("total");
        int pages = Math.min(first.integer("pages"), 10);
        List<Object> ids = new ArrayList<>(first.list("items.id"));
        for (int page = 2; page <= pages; page++) {
            ids.addAll(Answer.expect(api.listSamples(Map.of("page", page, "limit", limit)), 200).list("items.id"));
        }
        Set<Object> distinct = new HashSet<>(ids);
        assertThat(distinct).as("sample ids across %d pages of %d (a duplicate means overlapping pages)", pages, limit).hasSameSizeAs(ids);
        assertThat(ids).as("samples listed across the first %d pages of %d, total %d", pages, limit, total)
                .hasSize(Math.min(total, pages * limit));
    }

    @SmokeCheck
    @Verifies("SP404-3.7")
    @DisplayName("Error handling tested: an invalid query answers 400 with a detail naming the field")
    void invalidInputIs400WithDetail() {
        Verify.that(api.listSamples(Map.of("page", 1, "limit", 0))).hasStatus(400).meets("a .detail naming limit", answer -> {
            String detail = String.valueOf(answer.<Object>optional("detail"));
            return detail.contains("limit") ? null : detail;
        });
    }

    @SmokeCheck
    @Verifies("SP404-15.4")
    @DisplayName("GET /api/v1/collections returns data: items with id, name, sample_count and a total")
    void collectionsReturnData() {
        Response response = api.authorized().queryParam("skip", 0).queryParam("limit", 50).get(api.path("collections"));
        Verify.that(response).hasStatus(200);
        List<Map<String, Object>> items = response.path("items");
        Integer total = response.path("total");
        assertThat(items).as("GET %s .items", api.path("collections")).isNotNull();
        assertThat(total).as(".total").isNotNull().isGreaterThanOrEqualTo(items.size());
        assertThat(items).as("every collection has id, name and sample_count")
                .allSatisfy(item -> assertThat(item).containsKeys("id", "name", "sample_count"));
    }

    @SmokeCheck
    @Verifies("SP404-15.6")
    @DisplayName("GET /api/v1/usage/summary returns data: cost, token and call counters")
    void usageSummaryReturnsData() {
        Response response = api.authorized().get(api.path("usageSummary"));
        Verify.that(response).hasStatus(200);
        for (String counter : List.of("total_cost", "total_tokens", "input_tokens", "output_tokens", "call_count")) {
            assertThat(response.<Number>path(counter)).as("usage .%s", counter).isNotNull()
                    .satisfies(n -> assertThat(n.doubleValue()).as("usage .%s", counter).isGreaterThanOrEqualTo(0));
        }
        long input = response.<Number>path("input_tokens").longValue();
        long output = response.<Number>path("output_tokens").longValue();
        assertThat(response.<Number>path("total_tokens").longValue()).as("total_tokens vs input_tokens + output_tokens").isEqualTo(input + output);
        assertThat(response.<Map<String, Object>>path("by_operation")).as("usage .by_operation").isNotNull();
        assertThat(response.<Map<String, Object>>path("by_model")).as("usage .by_model").isNotNull();
    }

    @SmokeCheck
    @Verifies("SP404-16.5")
    @DisplayName("Audio playback works: a listed sample's file_url serves playable audio")
    void listedSampleFileIsAudio() {
        Object id = api.firstListedSampleId();
        String fileUrl = api.sample(id).path("file_url");
        assertThat(fileUrl).as("file_url of sample %s", id).isNotBlank();
        Response file = api.download(fileUrl);
        Verify.that(file).hasStatus(200).hasContentType("audio/");
        byte[] bytes = file.asByteArray();
        if (file.contentType().matches("audio/(x-)?wav.*")) {
            Wav wav = Wav.parse(bytes);
            assertThat(wav.durationSeconds()).as("duration of %s (%d Hz, %d-bit)", fileUrl, wav.sampleRate(), wav.bitsPerSample())
                    .isGreaterThan(0);
        } else {
            assertThat(bytes.length).as("bytes of %s (%s)", fileUrl, file.contentType()).isGreaterThan(1024);
        }
    }
}
