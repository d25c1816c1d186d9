package dev.deployverify.systems.sp404.checks;

import dev.deployverify.browser.Browser;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.junit.BrowserCheck;
import dev.deployverify.junit.Mutating;
import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.Tags;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.socketio.TextWebSocketClient;
import dev.deployverify.verify.LatencyVerification;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Performance Verification "Response Times": home page, API, sample analysis and WebSocket round trips, each
 * client-observed (timed with {@link System#nanoTime()} around the call, warm-up discarded) and asserted with its
 * sample count. "Database queries < 100ms" is not observable from outside the service.
 */
@Sp404Check
@DisplayName("SP-404: response times")
class Sp404PerformanceChecks {

    private static final long PING_INTERVAL_MS = 20;

    private final Sp404Client api;

    Sp404PerformanceChecks(Sp404Client api) {
        this.api = api;
    }

    @AfterEach
    void cleanUp() {
        api.cleanUp();
    }

    @PerformanceCheck
    @Verifies("SP404-18.1")
    @DisplayName("Homepage loads < 2 seconds: the page and every asset it references, p95 over the measured loads")
    void homePageLoadsInTime(LatencyVerification latency) throws InterruptedException {
        HttpClient client = HttpSpecs.jdkClient(api.sut().timeouts().connect());
        URI base = api.target().baseUrl();
        int loads = api.thresholds().count("homePageLoads");
        LatencySample sample = new LatencySample("GET " + api.path("home") + " and its assets");
        for (int i = 0; i < 1 + loads; i++) { // one warm-up load: connection set-up, not what is measured
            long start = System.nanoTime();
            String outcome;
            try {
                HttpResponse<String> page = client.send(get(base, api.path("home")), HttpResponse.BodyHandlers.ofString());
                outcome = String.valueOf(page.statusCode());
                for (String asset : Sp404Client.sameOriginAssets(page.body())) {
                    int status = client.send(get(base, asset), HttpResponse.BodyHandlers.discarding()).statusCode();
                    outcome = status == 200 ? outcome : "asset " + status;
                }
            } catch (HttpTimeoutException e) {
                outcome = "timeout";
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName();
            }
            if (i > 0) {
                sample.record((System.nanoTime() - start) / 1000, outcome, !outcome.equals("200"));
            }
        }
        latency.percentileWithin(95, "homePageMs", sample, loads);
        latency.noErrors(sample);
    }

    @BrowserCheck
    @Tag(Tags.PERFORMANCE)
    @Verifies({"SP404-14.1", "SP404-18.1", "SP404-30.1"})
    @DisplayName("Homepage renders in a browser < 2 seconds: median of the measured loads, navigation start to the app's heading")
    void homePageRendersInTime(Browser browser) {
        Sp404FrontEnd app = new Sp404FrontEnd(browser, api);
        app.open(api.path("home")); // warm-up, and the sign-in: what is measured is a returning user's load
        int loads = api.thresholds().count("browserPageLoads");
        double limit = api.thresholds().value("homePageMs");
        List<Long> rendered = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            browser.open(api.path("home"));
            app.heading();
            rendered.add(browser.millisSinceNavigation());
        }
        // The median: one load slowed by the machine running the browser is not the deployment's doing.
        long median = rendered.stream().sorted().toList().get(loads / 2);
        api.sut().reportFigure("Homepage load time in Chromium (median)", median, "ms", "median of " + loads
                + " home page loads in headless Chromium, navigation start to the app's heading, each in ms: " + rendered);
        Verify.assertThat(median).as("median of %d home page loads in Chromium, navigation start to the app's heading, in ms %s; "
                + "the checklist: Homepage loads < %.0f ms", loads, rendered, limit).isLessThan((long) limit);
    }

    @PerformanceCheck
    @Verifies({"SP404-18.2", "SP404-30.2"})
    @DisplayName("API requests < 500ms: p95 of the sample list, collections and usage summary")
    void apiRequestsInTime(LatencyVerification latency) {
        String token = api.token();
        List<String> endpoints = List.of(api.path("samples") + "?page=1&limit=20", api.path("collections") + "?skip=0&limit=50",
                api.path("usageSummary"));
        for (String endpoint : endpoints) {
            LatencySample sample = latency.request("GET " + endpoint, HttpRequest.newBuilder(URI.create(api.target().baseUrl() + endpoint)))
                    .bearer(token).sample();
            latency.percentileWithin(95, "apiP95Ms", List.of(sample));
            latency.noErrors(sample);
            latency.p95WithinBaseline("api p95", List.of(sample));
        }
    }

    @PerformanceCheck
    @Mutating("uploads generated loops and analyses them; deleted after the check")
    @Verifies("SP404-18.3")
    @DisplayName("Sample analysis < 10 seconds: from POST analyze to a stored BPM, for each generated loop")
    void sampleAnalysisInTime(LatencyVerification latency) {
        int runs = api.thresholds().count("analysisRuns");
        LatencySample sample = new LatencySample("POST analyze until the BPM is stored");
        for (int i = 0; i < runs; i++) {
            Object id = api.uploadLoop(100 + 10 * i);
            long start = System.nanoTime();
            Verify.that(api.analyze(id)).hasStatus(202);
            api.awaitAnalysed(id, api.analysisBound());
            sample.record((System.nanoTime() - start) / 1000, "completed", false);
        }
        latency.percentileWithin(100, "analysisMs", sample, runs);
    }

    @PerformanceCheck
    @Mutating("opens /ws/vibe for a listed sample, which starts one AI vibe analysis of it")
    @Verifies({"SP404-18.5", "SP404-2.6"})
    @DisplayName("WebSocket latency < 200ms: p95 of ping/pong round trips on /ws/vibe/{sample_id}, paced across its stream")
    void webSocketLatency(LatencyVerification latency) throws InterruptedException {
        Object id = api.firstListedSampleId();
        int warmup = api.target().intThreshold("warmupRequests");
        int count = api.thresholds().count("latencySamples");
        LatencySample sample = new LatencySample("ping/pong on " + api.path("vibeWebSocket", id));
        try (TextWebSocketClient socket = api.vibeSocket(id)) {
            try {
                for (int i = 0; i < warmup + count; i++) {
                    long micros = socket.roundTripMicros("ping", "pong", api.sut().timeouts().request());
                    if (i >= warmup) {
                        sample.record(micros, "pong", false);
                    }
                    // Paced, not back to back: the round trips then span the vibe stream's life, so a connection
                    // that drops mid-stream is caught instead of being measured only in its first milliseconds.
                    Thread.sleep(PING_INTERVAL_MS);
                }
            } finally {
                Allure.addAttachment("/ws/vibe frames", "text/plain", socket.transcript(), ".txt");
            }
        }
        latency.percentileWithin(95, "webSocketP95Ms", sample, count);
    }

    private HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(api.sut().timeouts().request()).GET().build();
    }
}
