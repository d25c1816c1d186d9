package dev.deployverify.systems.sp404.checks;

import dev.deployverify.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SP-404 front end as the test user sees it in the browser: a route opened by its address, signing in through
 * the app's own form when the app asks (once per browser: the app keeps its token), and the page's parts found with
 * the {@code ui*} selectors of the environment.
 */
final class Sp404FrontEnd {

    final Browser browser;
    private final Sp404Client api;

    Sp404FrontEnd(Browser browser, Sp404Client api) {
        this.browser = browser;
        this.api = api;
    }

    /** The routes a user reaches from the navigation: the home page and settings.uiRoutes. */
    List<String> routes() {
        return Stream.concat(Stream.of(api.path("home")),
                Arrays.stream(api.target().setting("uiRoutes").orElse("").split(",")).map(String::strip).filter(r -> !r.isEmpty()))
                .toList();
    }

    /** Opens the route and waits until its page heading shows, signing in first when the app shows its form. */
    void open(String route) {
        browser.open(route);
        String shown = browser.waitUntil("the page's heading (" + ui("uiHeading") + ") or the sign-in form (" + ui("uiSignInForm") + ")",
                () -> visible(ui("uiSignInForm")) ? "sign-in" : visible(ui("uiHeading")) ? "page" : null);
        if (shown.equals("sign-in")) {
            signIn();
        }
        heading();
    }

    /** As {@link #open}, then lets the page settle (its data loaded, its late scripts run): what a sweep judges. */
    void openSettled(String route) {
        open(route);
        browser.settle();
    }

    /** The page's heading, once it shows. */
    String heading() {
        return browser.waitFor(ui("uiHeading"), "the page's heading").get(0).getText().strip();
    }

    List<WebElement> cards() {
        return browser.waitFor(ui("uiSampleCard"), "sample cards");
    }

    /** What the page says when the app caught an error (role=alert), empty when it says nothing of the kind. */
    List<String> errorAlerts() {
        return browser.texts("[role=alert]").stream().filter(text -> !text.isEmpty()).toList();
    }

    String ui(String key) {
        return api.target().setting(key).orElseThrow(() -> new IllegalStateException("settings." + key + " has no default"));
    }

    boolean visible(String css) {
        return browser.shows(css);
    }

    private void signIn() {
        String email = api.sut().requireCredential("email");
        String password = api.sut().requireCredential("password");
        WebElement form = browser.find(ui("uiSignInForm"));
        form.findElement(By.cssSelector("input[type=email], input[name=email]")).sendKeys(email);
        form.findElement(By.cssSelector("input[type=password]")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        browser.waitUntil("signed in: the page's heading (" + ui("uiHeading") + ") instead of the sign-in form",
                () -> !visible(ui("uiSignInForm")) && visible(ui("uiHeading")) ? true : null);
    }
}
