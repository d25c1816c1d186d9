package dev.deployverify.selftest.perf;

import dev.deployverify.env.Timeouts;
import dev.deployverify.run.Inconclusive;
import dev.deployverify.perf.LoadGenerator;
import dev.deployverify.perf.LoadResult;
import dev.deployverify.reference.ReferenceServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load engine against a loopback server whose every Nth answer stalls (deterministic, as the faults are). */
@Isolated // arrival rates, drops and elapsed times of the load engine: measured on a quiet JVM
class LoadGeneratorTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));

    private ReferenceServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int stallEvery;
    private volatile int stallMs;
    private volatile int failEvery;

    @BeforeEach
    void start() {
        server = ReferenceServer.start(config -> {
            config.routes.get("/ping", ctx -> {
                int n = requests.incrementAndGet();
                if (stallEvery > 0 && n % stallEvery == 0) {
                    Thread.sleep(stallMs);
                }
                ctx.status(failEvery > 0 && n % failEvery == 0 ? 500 : 200).result("ok");
            });
            // A body of unknown length (sent chunked) and a POST whose body must arrive whole.
            config.routes.get("/stream", ctx -> ctx.result(new ByteArrayInputStream(new byte[200_000])));
            config.routes.post("/echo", ctx -> ctx.status(ctx.body().equals("{\"input\":\"hello\"}") ? 200 : 400));
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest.Builder get() {
        return HttpRequest.newBuilder(URI.create(server.url() + "/ping"));
    }

    @Test
    void openModelKeepsItsArrivalRateAndCountsStatusCodes() {
        failEvery = 10;
        LoadResult run = new LoadGenerator(TIMEOUTS).openModel("GET /ping", get(), 50, 200, Duration.ofSeconds(1), 10_000, 32);

        assertThat(run.dropped()).as("dropped requests (%s)", run.summary()).isZero();
        assertThat(run.scheduled()).as("requests due in 1 s at 200/s").isEqualTo(200);
        assertThat(run.sample().count()).isEqualTo(200);
        // Every 10th request fails, warm-up included.
        assertThat(run.sample().outcomes()).containsEntry("500", 20).containsEntry("200", 180);
        assertThat(run.sample().errorRatePercent()).isEqualTo(10.0);
    }

    @Test
    void openModelIsBoundedInRequestsAndInTime() {
        LoadGenerator engine = new LoadGenerator(TIMEOUTS);

        assertThat(engine.openModel("GET /ping", get(), 0, 500, Duration.ofSeconds(5), 50, 4).scheduled()).isEqualTo(50);
        LoadResult timeBound = engine.openModel("GET /ping", get(), 0, 100, Duration.ofMillis(300), 10_000, 4);
        assertThat(timeBound.scheduled()).isEqualTo(30);
        assertThat(timeBound.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    /**
     * A stall while every sender is busy: the requests due meanwhile are dropped and counted, not silently sent
     * later (which would lower the rate and hide the stall); the stalled request's latency counts from its
     * intended send time.
     */
    @Test
    void aStallWithEverySenderBusyIsCountedAsDropsNotHidden() {
        stallEvery = 20;
        stallMs = 300;
        LoadResult run = new LoadGenerator(TIMEOUTS).openModel("GET /ping", get(), 0, 100, Duration.ofSeconds(1), 100, 1);

        assertThat(run.dropped()).as("requests due during the 300 ms stalls at 100/s with one sender (%s)", run.summary())
                .isGreaterThanOrEqualTo(40);
        assertThat(run.sample().maxMs()).as("slowest latency, from the intended send time").isGreaterThanOrEqualTo(300);
        assertThatThrownBy(run::requireFullLoad).isInstanceOf(Inconclusive.class)
                .hasMessageContaining("could not generate its load").hasMessageContaining("dropped");
    }

    @Test
    void closedModelRunsItsUsersConcurrentlyWithinItsBounds() {
        stallEvery = 1;
        stallMs = 100;
        long start = System.nanoTime();
        LoadResult run = new LoadGenerator(TIMEOUTS).closedModel("GET /ping", get(), 0, 10, Duration.ofSeconds(5), 40);

        assertThat(run.sample().count()).as("requests across all users").isEqualTo(40);
        // 40 requests of 100 ms each by 10 users take ~400 ms; one after another they would take 4 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(run.sample().percentileMs(50)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void closedModelStopsAtItsTimeBound() {
        LoadResult run = new LoadGenerator(TIMEOUTS).closedModel("GET /ping", get(), 0, 2, Duration.ofMillis(100),
                Duration.ofMillis(500), 10_000);

        // Two users, one request every 100 ms (think time) for 500 ms: about 10 requests, far below the request bound.
        assertThat(run.sample().count()).isBetween(6L, 14L);
        assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    /** Keep-alive survives bodies of every framing: a misread body would break the next request on the connection. */
    @Test
    void readsChunkedBodiesAndSendsRequestBodies() {
        LoadGenerator engine = new LoadGenerator(TIMEOUTS);

        LoadResult stream = engine.closedModel("GET /stream", HttpRequest.newBuilder(URI.create(server.url() + "/stream")), 0, 1,
                Duration.ofSeconds(5), 20);
        LoadResult echo = engine.closedModel("POST /echo", HttpRequest.newBuilder(URI.create(server.url() + "/echo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hello\"}")),
                0, 1, Duration.ofSeconds(5), 20);

        assertThat(stream.sample().outcomes()).isEqualTo(Map.of("200", 20));
        assertThat(echo.sample().outcomes()).isEqualTo(Map.of("200", 20));
    }

    @Test
    void warmUpIsNotRecorded() {
        LoadResult run = new LoadGenerator(TIMEOUTS).closedModel("GET /ping", get(), 7, 1, Duration.ofSeconds(5), 5);

        assertThat(run.sample().count()).isEqualTo(5);
        assertThat(requests.get()).isEqualTo(12);
    }
}
