package dev.deployverify.systems.sp404.checks;

import dev.deployverify.http.HttpSpecs;
import dev.deployverify.junit.Mutating;
import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.perf.LatencySampler;
import dev.deployverify.socketio.TextWebSocketClient;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * Performance Verification "Response Times": home page, API, sample analysis and WebSocket round trips, each
 * client-observed (timed with {@link System#nanoTime()} around the call, warm-up discarded) and asserted with its
 * sample count. "Database queries < 100ms" is not observable from outside the service.
 */
@Sp404Check
@DisplayName("SP-404: response times")
class Sp404PerformanceChecks {

    private static final long PING_INTERVAL_MS = 20;

    private final SystemUnderTest sut;
    private final Sp404Client api;
    private final LatencyEvidence evidence;

    Sp404PerformanceChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.evidence = new LatencyEvidence(sut);
        this.api = new Sp404Client(sut);
    }

    @AfterEach
    void cleanUp() {
        api.cleanUp();
    }

    @PerformanceCheck
    @Verifies("SP404-18.1")
    @DisplayName("Homepage loads < 2 seconds: the page and every asset it references, p95 over the measured loads")
    void homePageLoadsInTime() throws InterruptedException {
        HttpClient client = HttpSpecs.jdkClient(sut.timeouts().connect());
        URI base = sut.target().baseUrl();
        int loads = sut.target().intThreshold("homePageLoads");
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
        evidence.attach(sample, 95, sut.target().threshold("homePageMs"));
        assertThat(sample).hasAtLeastSamples(loads).hasPercentileBelow(95, sut.target().threshold("homePageMs"));
        assertThat(sample.errors()).as("page loads with a request that failed (expected none; outcomes %s)", sample.outcomes()).isZero();
    }

    @PerformanceCheck
    @Verifies("SP404-18.2")
    @DisplayName("API requests < 500ms: p95 of the sample list, collections and usage summary")
    void apiRequestsInTime() {
        String token = api.token();
        int warmup = sut.target().intThreshold("warmupRequests");
        int count = sut.target().intThreshold("latencySamples");
        LatencySampler sampler = sut.latencySampler();
        List<String> endpoints = List.of(api.path("samples") + "?page=1&limit=20", api.path("collections") + "?skip=0&limit=50",
                api.path("usageSummary"));
        for (String endpoint : endpoints) {
            LatencySample sample = Allure.step("Sample GET " + endpoint + " (" + count + " requests)", () -> sampler.sample(
                    "GET " + endpoint, HttpRequest.newBuilder(URI.create(sut.target().baseUrl() + endpoint))
                            .header("Authorization", "Bearer " + token), warmup, count));
            evidence.attach(sample, 95, sut.target().threshold("apiP95Ms"));
            assertThat(sample).hasAtLeastSamples(count).hasPercentileBelow(95, sut.target().threshold("apiP95Ms"));
            assertThat(sample.errors()).as("failed requests of %s (expected none; outcomes %s)", sample.label(), sample.outcomes()).isZero();
            evidence.assertP95WithinBaseline("api p95", sample);
        }
    }

    @PerformanceCheck
    @Mutating("uploads generated loops and analyses them; deleted after the check")
    @Verifies("SP404-18.3")
    @DisplayName("Sample analysis < 10 seconds: from POST analyze to a stored BPM, for each generated loop")
    void sampleAnalysisInTime() {
        int runs = sut.target().intThreshold("analysisRuns");
        LatencySample sample = new LatencySample("POST analyze until the BPM is stored");
        for (int i = 0; i < runs; i++) {
            Object id = api.uploadLoop(100 + 10 * i);
            long start = System.nanoTime();
            Response queued = api.analyze(id);
            assertThat(queued.statusCode()).as("POST %s status (body: %s)", api.path("analyze", id), queued.asString()).isEqualTo(202);
            api.awaitAnalysed(id, api.analysisBound());
            sample.record((System.nanoTime() - start) / 1000, "completed", false);
        }
        evidence.attach(sample, 100, sut.target().threshold("analysisMs"));
        assertThat(sample).hasAtLeastSamples(runs).hasPercentileBelow(100, sut.target().threshold("analysisMs"));
    }

    @PerformanceCheck
    @Mutating("opens /ws/vibe for a listed sample, which starts one AI vibe analysis of it")
    @Verifies("SP404-18.5")
    @DisplayName("WebSocket latency < 200ms: p95 of ping/pong round trips on /ws/vibe/{sample_id}, paced across its stream")
    void webSocketLatency() throws InterruptedException {
        Object id = api.firstListedSampleId();
        int warmup = sut.target().intThreshold("warmupRequests");
        int count = sut.target().intThreshold("latencySamples");
        LatencySample sample = new LatencySample("ping/pong on " + api.path("vibeWebSocket", id));
        try (TextWebSocketClient socket = api.vibeSocket(id)) {
            try {
                for (int i = 0; i < warmup + count; i++) {
                    long micros = socket.roundTripMicros("ping", "pong", sut.timeouts().request());
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
        evidence.attach(sample, 95, sut.target().threshold("webSocketP95Ms"));
        assertThat(sample).hasAtLeastSamples(count).hasPercentileBelow(95, sut.target().threshold("webSocketP95Ms"));
    }

    private HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(sut.timeouts().request()).GET().build();
    }
}
