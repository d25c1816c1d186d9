package dev.deployverify.browser;

import dev.deployverify.run.Inconclusive;
import dev.deployverify.run.SystemUnderTest;
import io.qameta.allure.Allure;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * A headless Chromium on one system's front end, shared by the checks of one class (so a sign-in holds across them)
 * and given back, cleared, after them. It keeps what a person with the browser's developer tools would see: every console message
 * and every request the pages made, each check reading only those since it began. Every request the pages send to
 * the system is counted against the run's request budget; every wait and page load has the run's flow deadline.
 */
public final class Browser implements AutoCloseable {

    /** The viewport of a desktop browser, restored before each check. */
    public static final Dimension DESKTOP = new Dimension(1280, 900);

    /** A request a page made: its URL, HTTP status (0 when the browser got none it may read), kind and duration. */
    public record PageRequest(String url, int status, String kind, long millis) {
        @Override
        public String toString() {
            return (status == 0 ? "no status" : "HTTP " + status) + "  " + kind + "  " + url + "  (" + millis + " ms)";
        }
    }

    private static final String HARVEST = """
            const out = [];
            if (!window.__deployVerifyNavigation) {
              window.__deployVerifyNavigation = true;
              const n = performance.getEntriesByType('navigation')[0];
              if (n) out.push([n.name, n.responseStatus || 0, 'document', Math.round(n.duration)]);
            }
            const entries = performance.getEntriesByType('resource');
            for (const e of entries.slice(window.__deployVerifySeen || 0)) {
              out.push([e.name, e.responseStatus || 0, e.initiatorType, Math.round(e.duration)]);
            }
            window.__deployVerifySeen = entries.length;
            return out;
            """;

    private static final long QUIET_MILLIS = 250;

    private final SystemUnderTest sut;
    private final boolean loopbackOnly;
    private final Duration commandDeadline;
    private final ChromeDriver driver;
    private final URI base;
    private final Duration deadline;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<PageRequest> requests = new ArrayList<>();
    private int consoleMark;
    private int requestMark;

    private Browser(SystemUnderTest sut, boolean loopbackOnly, Duration commandDeadline) {
        this.sut = sut;
        this.loopbackOnly = loopbackOnly;
        this.commandDeadline = commandDeadline;
        this.driver = Chromium.borrow(loopbackOnly, commandDeadline);
        this.base = sut.target().baseUrl();
        this.deadline = sut.timeouts().flow();
        try {
            driver.manage().timeouts().pageLoadTimeout(deadline).scriptTimeout(sut.timeouts().request());
        } catch (RuntimeException e) {
            close(); // given back (or quit), so that the next class is not left waiting for it
            throw e;
        }
    }

    /** Why no browser check can run on this machine (Chromium or its driver missing), if none can. */
    public static Optional<String> unavailableReason() {
        return Chromium.unavailableReason();
    }

    /** A browser (a pooled Chromium) for this system; the run's targets all on loopback keep it on loopback too. */
    static Browser start(SystemUnderTest sut) {
        boolean loopbackOnly = sut.environment().systems().values().stream()
                .allMatch(target -> isLoopback(target.baseUrl().getHost()));
        return new Browser(sut, loopbackOnly, sut.timeouts().flow().plusSeconds(30));
    }

    /**
     * Opens a path of the system's front end (or an absolute URL) and waits for its load event. A document answered
     * 429 makes the check inconclusive: the limiter's answer to the suite, not the deployment's fault.
     */
    public void open(String pathOrUrl) {
        URI url = base.resolve(pathOrUrl);
        harvest();
        sut.budget().acquire("GET", url.getPath());
        driver.get(url.toString());
        Object status = script("const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;");
        if (status instanceof Number code && code.intValue() == 429) {
            throw new Inconclusive("the browser's request for " + url.getPath() + " was answered 429 (Too Many Requests): "
                    + "the rate limiter's answer to this run (" + sut.budget().summary() + "), not the deployment's fault");
        }
    }

    /** The visible elements matching {@code css}, once at least one is there; the check fails naming {@code what}. */
    public List<WebElement> waitFor(String css, String what) {
        return waitUntil(what + " (elements matching " + css + ")", () -> {
            if (!shows(css)) {
                return null;
            }
            try {
                List<WebElement> shown = driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
                return shown.isEmpty() ? null : shown;
            } catch (StaleElementReferenceException e) {
                return null; // the page re-rendered between finding and looking: look again
            }
        });
    }

    /**
     * Polls {@code condition} until it gives a value other than null or false, within the run's flow deadline; else
     * fails with what was awaited, where, and what the page showed instead.
     */
    public <T> T waitUntil(String what, Supplier<T> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T value = condition.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + what + " within " + deadline.toSeconds() + " s on " + currentPath()
                        + ", not seen (the page shows: \"" + abbreviate(sut.redactor().redact(visibleText())) + "\"; console errors: "
                        + consoleErrors() + ")");
            }
            sleep(50);
        }
    }

    /**
     * Waits until the page has started no request for {@value #QUIET_MILLIS} ms (its data loaded, its late scripts
     * run), within the run's flow deadline: what a person does before judging a page.
     */
    public void settle() {
        String count = "return performance.getEntriesByType('resource').length;";
        long end = System.nanoTime() + deadline.toNanos();
        Object last = script(count);
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            sleep(50);
            Object now = script(count);
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_MILLIS * 1_000_000L) {
                return;
            }
        }
    }

    /** Milliseconds since the current document's navigation began, by the page's own clock. */
    public long millisSinceNavigation() {
        Object now = script("return performance.now();");
        return now instanceof Number n ? Math.round(n.doubleValue()) : -1;
    }

    /** The visible texts of the elements matching {@code css}, read in one go (a re-rendering page leaves none stale). */
    @SuppressWarnings("unchecked")
    public List<String> texts(String css) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".filter(e => e.offsetParent !== null).map(e => e.innerText.trim());", css);
    }

    /** Whether an element matching {@code css} is shown, judged in the page in one go (never a stale element). */
    public boolean shows(String css) {
        return Boolean.TRUE.equals(script("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".some(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');", css));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Runs a script in the page (an async one gets a callback as its last argument through {@link #scriptAsync}). */
    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Runs a script that finishes by calling {@code arguments[arguments.length - 1]}; bounded by the request timeout. */
    public Object scriptAsync(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
    }

    /** The viewport's size (a phone's for the responsive check); each check starts with {@link #DESKTOP}. */
    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** The path (and query) the browser shows. */
    public String currentPath() {
        URI current = URI.create(driver.getCurrentUrl());
        return current.getRawPath() + (current.getRawQuery() == null ? "" : "?" + current.getRawQuery());
    }

    public String visibleText() {
        try {
            return find("body").getText();
        } catch (WebDriverException e) {
            return "";
        }
    }

    /** The console's errors since this check began: uncaught exceptions, console.error, failed loads. */
    public List<String> consoleErrors() {
        drainConsole();
        return console.subList(consoleMark, console.size()).stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> sut.redactor().redact(entry.getMessage()))
                .toList();
    }

    /** The requests the pages made since this check began. */
    public List<PageRequest> requests() {
        harvest();
        return List.copyOf(requests.subList(requestMark, requests.size()));
    }

    /**
     * The requests to the system's own origin that failed (4xx, 5xx, or no status at all) since this check began. A
     * 429 among them makes the check inconclusive rather than blaming the deployment for the suite's own traffic.
     */
    public List<PageRequest> failedRequests() {
        List<PageRequest> failed = requests().stream()
                .filter(r -> sameOrigin(r.url()) && (r.status() == 0 || r.status() >= 400)).toList();
        failed.stream().filter(r -> r.status() == 429).findFirst().ifPresent(r -> {
            throw new Inconclusive("the page's request " + r.url() + " was answered 429 (Too Many Requests): the rate "
                    + "limiter's answer to this run (" + sut.budget().summary() + "), not the deployment's fault");
        });
        return failed;
    }

    /** Before a check: the console and requests so far belong to earlier checks; the viewport is a desktop's. */
    void beginCheck() {
        harvest();
        drainConsole();
        consoleMark = console.size();
        requestMark = requests.size();
        resize(DESKTOP);
    }

    /** After a check, passed or failed: a screenshot of the page, its console and its requests, in the report. */
    void attachEvidence() {
        String page = currentPath();
        try {
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Allure.addAttachment("Screenshot: " + page, "image/png", new ByteArrayInputStream(png), ".png");
        } catch (WebDriverException e) {
            Allure.addAttachment("Screenshot: " + page, "text/plain", "no screenshot: " + firstLine(e.getMessage()), ".txt");
        }
        List<String> messages = new ArrayList<>();
        drainConsole();
        console.subList(consoleMark, console.size()).forEach(entry ->
                messages.add(entry.getLevel() + "  " + sut.redactor().redact(entry.getMessage())));
        Allure.addAttachment("Browser console", "text/plain",
                messages.isEmpty() ? "(no console messages)" : String.join("\n", messages), ".txt");
        List<String> made = requests().stream().map(r -> sut.redactor().redact(r.toString())).toList();
        Allure.addAttachment("Page requests", "text/plain",
                made.isEmpty() ? "(no requests)" : String.join("\n", made), ".txt");
    }

    /** Gives the browser back for the next class of checks, cleared of what these left (cookies, storage, page). */
    @Override
    public void close() {
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        Chromium.giveBack(driver, loopbackOnly, commandDeadline, origin);
    }

    private void harvest() {
        Object rows;
        try {
            rows = script(HARVEST);
        } catch (WebDriverException e) {
            return; // no document to read (before the first page, or the page is gone)
        }
        if (!(rows instanceof List<?> list)) {
            return;
        }
        for (Object row : list) {
            List<?> fields = (List<?>) row;
            PageRequest request = new PageRequest(String.valueOf(fields.get(0)), ((Number) fields.get(1)).intValue(),
                    String.valueOf(fields.get(2)), ((Number) fields.get(3)).longValue());
            requests.add(request);
            if (!"document".equals(request.kind()) && sameOrigin(request.url())) {
                sut.budget().countSent(URI.create(request.url()).getPath());
            }
        }
    }

    private void drainConsole() {
        try {
            driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        } catch (WebDriverException e) {
            // the log endpoint answers nothing while no page is open
        }
    }

    private boolean sameOrigin(String url) {
        try {
            URI uri = URI.create(url);
            return base.getHost().equalsIgnoreCase(uri.getHost()) && base.getPort() == uri.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]") || h.equals("::1");
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the page", e);
        }
    }
}
