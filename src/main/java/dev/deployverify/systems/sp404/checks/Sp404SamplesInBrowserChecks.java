package dev.deployverify.systems.sp404.checks;

import dev.deployverify.browser.Browser;
import dev.deployverify.junit.BrowserCheck;
import dev.deployverify.junit.Verifies;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Smoke Tests "Web UI Tests" and "Audio Processing Tests" on the samples page in headless Chromium: the grid shows
 * the library the API lists, each card what the API says of its sample, search narrows the grid as the API does, a
 * preview plays the sample and draws its waveform.
 */
@Sp404Check
@DisplayName("SP-404: samples in a browser")
class Sp404SamplesInBrowserChecks {

    /** The page size the samples page asks the API for, and so the most cards it shows at once. */
    private static final int PAGE_SIZE = 24;

    private final Sp404Client api;

    Sp404SamplesInBrowserChecks(Sp404Client api) {
        this.api = api;
    }

    @BrowserCheck
    @Verifies("SP404-14.3")
    @DisplayName("Samples page displays samples: as many cards as the API lists on its first page")
    void samplesPageDisplaysSamples(Browser browser) {
        Sp404FrontEnd app = openSamples(browser);
        long total = firstPage(Map.of()).getLong("total");
        List<WebElement> cards = app.cards();
        assertThat(cards.size()).as("sample cards on the samples page (the API lists %d samples, the page shows up to %d)",
                total, PAGE_SIZE).isEqualTo((int) Math.min(PAGE_SIZE, total));
    }

    @BrowserCheck
    @Verifies("SP404-14.4")
    @DisplayName("Sample cards render correctly: each card shows its sample's title, BPM and key as the API gives them")
    void sampleCardsRenderCorrectly(Browser browser) {
        Sp404FrontEnd app = openSamples(browser);
        List<Map<String, Object>> items = firstPage(Map.of()).getList("items");
        List<WebElement> cards = app.cards();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < Math.min(cards.size(), items.size()); i++) {
            Map<String, Object> sample = items.get(i);
            String title = text(cards.get(i), app.ui("uiSampleTitle"));
            String bpm = text(cards.get(i), app.ui("uiSampleBpm"));
            String key = text(cards.get(i), app.ui("uiSampleKey"));
            String expectedBpm = sample.get("bpm") instanceof Number n ? String.valueOf(Math.round(n.doubleValue())) : null;
            if (!title.equals(sample.get("title"))
                    || expectedBpm != null && !bpm.contains(expectedBpm)
                    || sample.get("musical_key") != null && !key.equals(sample.get("musical_key"))) {
                wrong.add("card " + (i + 1) + " shows [" + title + " | " + bpm + " | " + key + "], the API gives ["
                        + sample.get("title") + " | " + expectedBpm + " BPM | " + sample.get("musical_key") + "]");
            }
        }
        assertThat(cards).as("sample cards").isNotEmpty();
        assertThat(wrong).as("cards that do not show their sample as the API lists it (in the API's order)").isEmpty();
    }

    @BrowserCheck
    @Verifies({"SP404-14.5", "SP404-16.5"})
    @DisplayName("Audio preview works: the first card's preview loads its audio and plays")
    void audioPreviewWorks(Browser browser) {
        Sp404FrontEnd app = openSamples(browser);
        WebElement card = app.cards().get(0);
        card.findElement(By.cssSelector(app.ui("uiPreviewButton"))).click();
        WebElement audio = card.findElement(By.cssSelector(app.ui("uiPreviewAudio")));
        String state = "const a = arguments[0]; return {error: a.error ? a.error.code + ' ' + a.error.message : null, "
                + "ready: a.readyState, time: a.currentTime, src: a.currentSrc};";
        @SuppressWarnings("unchecked")
        Map<String, Object> played = browser.waitUntil("the preview playing: no media error and its time advancing", () -> {
            Map<String, Object> now = (Map<String, Object>) browser.script(state, audio);
            return now.get("error") != null || ((Number) now.get("time")).doubleValue() > 0 ? now : null;
        });
        assertThat(played.get("error")).as("media error of the preview of %s", played.get("src")).isNull();
        assertThat(((Number) played.get("time")).doubleValue()).as("seconds of %s played", played.get("src")).isPositive();
    }

    @BrowserCheck
    @Verifies("SP404-14.6")
    @DisplayName("Search/filter works: typing a sample's title narrows the grid to the samples the API finds for it")
    void searchFilters(Browser browser) {
        Sp404FrontEnd app = openSamples(browser);
        List<WebElement> before = app.cards();
        String term = text(before.get(before.size() - 1), app.ui("uiSampleTitle"));
        long found = firstPage(Map.of("search", term)).getLong("total");
        long all = firstPage(Map.of()).getLong("total");
        browser.find(app.ui("uiSearchBox")).sendKeys(term);
        long expected = Math.min(PAGE_SIZE, found);
        List<String> titles = browser.waitUntil("the grid narrowed to the " + expected + " sample(s) the API finds for \"" + term
                + "\" (of " + all + ")", () -> {
            List<String> shown = browser.texts(app.ui("uiSampleCard") + " " + app.ui("uiSampleTitle"));
            return shown.size() == expected ? shown : null;
        });
        assertThat(titles).as("titles shown after searching for \"%s\"", term)
                .allSatisfy(title -> assertThat(title.toLowerCase(Locale.ROOT)).contains(term.toLowerCase(Locale.ROOT)));
    }

    @BrowserCheck
    @Verifies("SP404-16.4")
    @DisplayName("Waveform visualization displays: a preview draws the sample's waveform on its card")
    void waveformDisplays(Browser browser) {
        Sp404FrontEnd app = openSamples(browser);
        WebElement card = app.cards().get(0);
        WebElement canvas = card.findElement(By.cssSelector(app.ui("uiWaveform")));
        card.findElement(By.cssSelector(app.ui("uiPreviewButton"))).click();
        // Drawn: pixels of more than one colour (a canvas never drawn, or only cleared, is all one colour).
        String colours = "const c = arguments[0]; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const seen = new Set(); for (let i = 0; i < d.length && seen.size < 3; i += 4) seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2] + ',' + d[i+3]);"
                + "return seen.size;";
        browser.waitUntil("the waveform drawn on the first card's " + app.ui("uiWaveform") + " (pixels of more than one colour)",
                () -> ((Number) browser.script(colours, canvas)).intValue() > 1 ? true : null);
    }

    private Sp404FrontEnd openSamples(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        app.open("/samples");
        return app;
    }

    /** The first page the samples page would show, as the API lists it. */
    private JsonPath firstPage(Map<String, ?> filters) {
        Map<String, Object> query = new java.util.HashMap<>(filters);
        query.put("page", 1);
        query.put("limit", PAGE_SIZE);
        return api.listSamples(query).then().statusCode(200).extract().jsonPath();
    }

    private static String text(WebElement card, String css) {
        List<WebElement> found = card.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText().strip();
    }
}
