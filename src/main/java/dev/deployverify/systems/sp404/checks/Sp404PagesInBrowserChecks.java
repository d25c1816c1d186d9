package dev.deployverify.systems.sp404.checks;

import dev.deployverify.browser.Browser;
import dev.deployverify.junit.BrowserCheck;
import dev.deployverify.junit.Verifies;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Smoke Tests "Web UI Tests" and Frontend Verification in headless Chromium: each page of the React app renders for
 * the signed-in test user, the navigation reaches them, the console stays free of errors, every request the pages
 * make succeeds and the layout fits a phone. The home page's render time is a response-time check
 * ({@link Sp404PerformanceChecks}).
 */
@Sp404Check
@DisplayName("SP-404: pages in a browser")
class Sp404PagesInBrowserChecks {

    /** A phone's viewport (an iPhone 12-15's CSS pixels). */
    private static final Dimension PHONE = new Dimension(390, 844);

    private final Sp404Client api;

    Sp404PagesInBrowserChecks(Sp404Client api) {
        this.api = api;
    }

    @BrowserCheck
    @Verifies({"SP404-14.2", "SP404-2.4"})
    @DisplayName("Navigation works: each link of the navigation opens its page, with its heading")
    void navigationWorks(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        app.open(api.path("home"));
        List<String> targets = browser.findAll(app.ui("uiNavLinks")).stream().map(a -> a.getAttribute("href")).toList();
        assertThat(targets).as("links of the navigation (%s)", app.ui("uiNavLinks")).hasSizeGreaterThanOrEqualTo(app.routes().size());
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            WebElement link = browser.findAll(app.ui("uiNavLinks")).get(i);
            String label = link.getText().strip();
            String expectedPath = java.net.URI.create(targets.get(i)).getPath();
            link.click();
            String heading = browser.waitUntil("the page of the link \"" + label + "\" (" + expectedPath + ")",
                    () -> browser.currentPath().equals(expectedPath) ? app.heading() : null);
            if (!heading.equalsIgnoreCase(label) && !heading.toLowerCase().contains(label.toLowerCase())) {
                broken.add("\"" + label + "\" -> " + expectedPath + " shows the heading \"" + heading + "\"");
            }
        }
        assertThat(broken).as("navigation links whose page is not theirs (expected the link's text as the page's heading)").isEmpty();
    }

    @BrowserCheck
    @Verifies("SP404-14.7")
    @DisplayName("Collections page works: it lists the test user's collections as the API does, without an error")
    void collectionsPageWorks(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        JsonPath listed = api.authorized().queryParam("skip", 0).queryParam("limit", 50).get(api.path("collections")).then()
                .statusCode(200).extract().jsonPath();
        app.openSettled("/collections");
        assertThat(app.errorAlerts()).as("errors the collections page shows").isEmpty();
        List<String> names = listed.getList("items.name", String.class);
        String text = browser.visibleText();
        if (names.isEmpty()) {
            assertThat(text).as("the collections page when the API lists none: it says so").containsIgnoringCase("no collections");
        } else {
            assertThat(names.subList(0, Math.min(5, names.size()))).as("collections the API lists, shown on the page")
                    .allSatisfy(name -> assertThat(text).contains(name));
        }
    }

    @BrowserCheck
    @Verifies("SP404-14.8")
    @DisplayName("Project builder page works: the project form and the 16 pads of a bank render")
    void projectBuilderPageWorks(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        app.open("/builder");
        assertThat(app.errorAlerts()).as("errors the project builder shows").isEmpty();
        assertThat(browser.waitFor(app.ui("uiPads"), "the bank's pads")).as("pads shown (%s): a bank of the SP-404MK2 has 16",
                app.ui("uiPads")).hasSize(16);
        assertThat(browser.findAll("form input[name=project_name], form input[name=project_bpm]"))
                .as("the project form's name and BPM inputs").hasSize(2);
    }

    @BrowserCheck
    @Verifies("SP404-14.9")
    @DisplayName("Settings page loads: its form and the AI usage summary, without an error")
    void settingsPageLoads(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        app.openSettled("/settings");
        assertThat(app.errorAlerts()).as("errors the settings page shows").isEmpty();
        assertThat(app.visible("main form")).as("the settings form is shown").isTrue();
        long calls = api.authorized().get(api.path("usageSummary")).then().statusCode(200).extract().jsonPath().getLong("call_count");
        assertThat(browser.visibleText()).as("the page shows the usage summary's call count (%d, from the API)", calls)
                .contains(calls + " calls");
    }

    @BrowserCheck
    @Verifies({"SP404-14.10", "SP404-2.3"})
    @DisplayName("No console errors: every page, opened and left to settle, logs no error to the browser's console")
    void noConsoleErrors(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String route : app.routes()) {
            int before = browser.consoleErrors().size();
            app.openSettled(route);
            List<String> logged = browser.consoleErrors();
            if (logged.size() > before) {
                errors.put(route, logged.subList(before, logged.size()));
            }
        }
        assertThat(errors).as("console errors by page (checked %s)", app.routes()).isEmpty();
    }

    @BrowserCheck
    @Verifies({"SP404-2.5", "SP404-2.7"})
    @DisplayName("API calls succeed from UI and no broken images or assets: every request of every page loads")
    void everyRequestOfThePagesLoads(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        List<String> failed = new ArrayList<>();
        List<String> brokenImages = new ArrayList<>();
        for (String route : app.routes()) {
            app.openSettled(route);
            browser.failedRequests().forEach(r -> failed.add(route + ": " + r));
            @SuppressWarnings("unchecked")
            List<String> images = (List<String>) browser.script(
                    "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src);");
            images.forEach(src -> brokenImages.add(route + ": " + src));
        }
        int requests = browser.requests().size();
        assertThat(requests).as("requests the pages made (a React app loads its script and calls the API)").isPositive();
        assertThat(failed).as("requests of the pages that failed, of %d (expected none answered 4xx/5xx or unanswered)", requests).isEmpty();
        assertThat(brokenImages).as("images on the pages that did not load").isEmpty();
    }

    @BrowserCheck
    @Verifies("SP404-2.8")
    @DisplayName("Mobile responsive: on a phone's 390 px viewport no page scrolls sideways and the navigation shows")
    void mobileResponsive(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        browser.resize(PHONE);
        List<String> overflowing = new ArrayList<>();
        for (String route : app.routes()) {
            app.openSettled(route);
            long scrollWidth = ((Number) browser.script("return document.documentElement.scrollWidth;")).longValue();
            long viewport = ((Number) browser.script("return window.innerWidth;")).longValue();
            if (scrollWidth > viewport) {
                overflowing.add(route + ": " + scrollWidth + " px wide in a " + viewport + " px viewport");
            }
        }
        assertThat(app.visible(app.ui("uiNavLinks"))).as("the navigation shows on a phone").isTrue();
        assertThat(overflowing).as("pages wider than a phone's viewport (they scroll sideways)").isEmpty();
    }
}
