package dev.deployverify.browser;

import dev.deployverify.run.Inconclusive;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where Chromium and its WebDriver are on this machine, and how a check's browser is started: headless, muted, a
 * fresh profile (chromedriver's temporary one), none of Chromium's own background traffic. Debian's packages by
 * default; {@code -Dchromium.binary} and {@code -Dchromium.driver} point elsewhere. Selenium Manager (which
 * downloads drivers) is never used: the driver is the one installed beside the browser, so their versions match.
 */
final class Chromium {

    static final String INSTALL_HINT = "Debian: apt-get install chromium chromium-driver";

    /**
     * Selenium looks for a CDP binding matching the browser's version and warns when it has none; the checks use no
     * CDP binding (only WebDriver and the driver's own log endpoint), so the warning says nothing. Held: a logger
     * only referenced weakly would lose its level.
     */
    private static final java.util.logging.Logger CDP_VERSION_WARNINGS = quiet("org.openqa.selenium.devtools");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private Chromium() {
    }

    /** Why no browser check can run here, if none can. */
    static Optional<String> unavailableReason() {
        List<String> missing = new ArrayList<>();
        if (binary().isEmpty()) {
            missing.add("chromium");
        }
        if (driver().isEmpty()) {
            missing.add("chromedriver");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("needs Chromium and its WebDriver to open the pages (" + INSTALL_HINT + "); not found: "
                        + String.join(", ", missing));
    }

    /**
     * How many browsers run at once in a JVM ({@code -Dchromium.max}, default 1). A page load takes a core for a
     * moment; on a 2-core machine running the suite's own tests four at a time, two browsers at once starved the
     * timing tests beside them (a deadline test measured 95 s against its 90). A run of the checks opens one class's
     * browser at a time anyway.
     */
    private static final int MAX_IN_USE = Integer.getInteger("chromium.max", 1);
    private static final Semaphore IN_USE = new Semaphore(MAX_IN_USE, true);
    private static final Duration WAIT_FOR_A_BROWSER = Duration.ofMinutes(10);

    /** Started browsers not in use, by how they were started; each class of checks borrows one and gives it back. */
    private static final Map<String, Deque<ChromeDriver>> IDLE = new ConcurrentHashMap<>();
    private static final Set<ChromeDriver> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Chromium::quit), "chromium-shutdown"));
    }

    /**
     * A started Chromium, reused: starting one costs more CPU than most pages it then opens, and the suite's own
     * tests run the browser checks many times in one JVM. What one class of checks left in it (cookies, storage, the
     * page) is cleared when it is given back.
     */
    static ChromeDriver borrow(boolean loopbackOnly, Duration commandDeadline) {
        try {
            if (!IN_USE.tryAcquire(WAIT_FOR_A_BROWSER.toSeconds(), TimeUnit.SECONDS)) {
                throw new Inconclusive("no browser free within " + WAIT_FOR_A_BROWSER.toMinutes() + " minutes (-Dchromium.max="
                        + MAX_IN_USE + " run at once): the checks were not run, which says nothing of the deployment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Inconclusive("interrupted while waiting for a browser");
        }
        try {
            return idleOrNew(loopbackOnly, commandDeadline);
        } catch (RuntimeException e) {
            IN_USE.release();
            throw e;
        }
    }

    private static ChromeDriver idleOrNew(boolean loopbackOnly, Duration commandDeadline) {
        Deque<ChromeDriver> idle = IDLE.computeIfAbsent(loopbackOnly + "/" + commandDeadline, k -> new ConcurrentLinkedDeque<>());
        for (ChromeDriver driver = idle.poll(); driver != null; driver = idle.poll()) {
            try {
                driver.getWindowHandle(); // still answering
                return driver;
            } catch (RuntimeException gone) {
                quit(driver);
            }
        }
        ChromeDriver driver = start(loopbackOnly, commandDeadline);
        STARTED.add(driver);
        return driver;
    }

    /** Clears what the checks left for the origin they used, and keeps the browser for the next class; else quits it. */
    static void giveBack(ChromeDriver driver, boolean loopbackOnly, Duration commandDeadline, String origin) {
        IN_USE.release();
        try {
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
            driver.manage().logs().get("browser"); // read and dropped: the next class's console starts empty
            IDLE.computeIfAbsent(loopbackOnly + "/" + commandDeadline, k -> new ConcurrentLinkedDeque<>()).push(driver);
        } catch (RuntimeException e) {
            quit(driver);
        }
    }

    private static void quit(ChromeDriver driver) {
        STARTED.remove(driver);
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // already gone
        }
    }

    /**
     * A headless Chromium. {@code loopbackOnly}: no host resolves but 127.0.0.1, for a run whose every target is on
     * loopback (the reference deployment), so that nothing a page references leaves the machine.
     */
    private static ChromeDriver start(boolean loopbackOnly, Duration commandDeadline) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
                "--force-device-scale-factor=1", "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900",
                // One process for browser, network and pages: measured on 2 cores, a run of the SP-404 browser checks
                // took 37 s of CPU with Chromium's usual process per part and 13 s in one. The checks open one site
                // at a time, so the isolation given up is isolation between sites a check never visits.
                "--single-process");
        if (loopbackOnly) {
            options.addArguments("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
        }
        // The console (errors, failed loads) is read through the driver's log endpoint.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        // Every WebDriver command has a deadline: a hung browser fails the check instead of hanging the run.
        ClientConfig client = ClientConfig.defaultConfig().connectionTimeout(Duration.ofSeconds(10)).readTimeout(commandDeadline);
        return new ChromeDriver(service, options, client);
    }

    static Optional<Path> binary() {
        // Debian's /usr/bin/chromium is a wrapper script that adds desktop flags (GPU rasterization among them);
        // the browser itself is beside the driver.
        Path debian = Path.of("/usr/lib/chromium/chromium");
        if (System.getProperty("chromium.binary", "").isBlank() && Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        return locate("chromium.binary", "chromium", "chromium-browser");
    }

    static Optional<Path> driver() {
        return locate("chromium.driver", "chromedriver");
    }

    private static Optional<Path> locate(String property, String... names) {
        String configured = System.getProperty(property, "");
        if (!configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        return Stream.of(names)
                .flatMap(name -> Stream.of(pathVariable.split(File.pathSeparator)).filter(d -> !d.isBlank())
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
