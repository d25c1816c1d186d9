package dev.deployverify.selftest.http;

import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.http.RequestBudget;
import dev.deployverify.run.Inconclusive;
import dev.deployverify.perf.LatencySampler;
import dev.deployverify.reference.ExpressRateLimit;
import dev.deployverify.reference.ReferenceServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request budget against a loopback server with an express-rate-limit-like limiter on /api: requests past the
 * budget are not sent, a limiter whose headers show it near its end is not tripped (or waited for when its window
 * resets soon), and a 429 is inconclusive with the numbers, through REST Assured and the load engine alike.
 */
class RequestBudgetTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));

    private final AtomicInteger received = new AtomicInteger();
    private volatile ExpressRateLimit limiter;
    private volatile boolean showHeaders = true;
    private ReferenceServer server;

    @BeforeEach
    void start() {
        limiter = new ExpressRateLimit(10, Duration.ofMinutes(15));
        server = ReferenceServer.start(config -> {
            config.routes.get("/health", ctx -> ctx.result("ok"));
            config.routes.get("/api/items", ctx -> {
                received.incrementAndGet();
                ExpressRateLimit.Decision decision = limiter.hit("client");
                if (showHeaders || decision.limited()) {
                    ctx.header("RateLimit-Limit", String.valueOf(decision.limit()));
                    ctx.header("RateLimit-Remaining", String.valueOf(decision.remaining()));
                    ctx.header("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
                }
                if (decision.limited()) {
                    ctx.header("Retry-After", String.valueOf(decision.resetSeconds()));
                    ctx.status(429).result("Too many requests");
                } else {
                    ctx.result("[]");
                }
            });
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RequestBudget budget(int perRun, Duration maxPause) {
        return new RequestBudget("system", perRun, List.of("/api/"), 3, maxPause);
    }

    private int get(RequestBudget budget, String path) {
        return given().spec(HttpSpecs.forBaseUri(server.url(), TIMEOUTS, new Redactor(), budget)).get(path).statusCode();
    }

    @Test
    void aRequestPastTheBudgetIsNotSentAndItsCheckIsInconclusive() {
        RequestBudget budget = budget(2, Duration.ZERO);
        showHeaders = false;
        get(budget, "/api/items");
        get(budget, "/api/items");
        get(budget, "/health");  // outside the limited paths: counted, not capped

        assertThatThrownBy(() -> get(budget, "/api/items")).isInstanceOf(Inconclusive.class)
                .hasMessageContaining("request budget of 2 per run for system spent").hasMessageContaining("not sent");
        assertThat(received).as("/api requests the server received").hasValue(2);
        assertThat(budget.limited()).isEqualTo(2);
        assertThat(budget.total()).isEqualTo(3);
        assertThat(budget.refused()).isEqualTo(1);
    }

    @Test
    void aLimiterWhoseHeadersShowItAtTheReserveIsNotTripped() {
        RequestBudget budget = budget(0, Duration.ZERO);  // not capped: the headers alone stop it
        for (int i = 0; i < 7; i++) {
            assertThat(get(budget, "/api/items")).isEqualTo(200);
        }
        // Remaining is 3 now, the reserve: the 8th is not sent.
        assertThatThrownBy(() -> get(budget, "/api/items")).isInstanceOf(Inconclusive.class)
                .hasMessageContaining("has 3 requests left of 10").hasMessageContaining("at or below the reserve of 3");
        assertThat(received).hasValue(7);
        assertThat(budget.tooManyRequests()).isZero();
    }

    @Test
    void aLimiterWhoseWindowResetsSoonIsWaitedFor() {
        limiter = new ExpressRateLimit(5, Duration.ofSeconds(1));
        RequestBudget budget = budget(0, Duration.ofSeconds(3));
        for (int i = 0; i < 8; i++) {
            assertThat(get(budget, "/api/items")).as("request %d, paced by the limiter's reset", i + 1).isEqualTo(200);
        }
        assertThat(budget.tooManyRequests()).isZero();
    }

    @Test
    void a429IsInconclusiveWithTheNumbersNeverAFailure() {
        showHeaders = false;  // the limiter cannot be seen coming (as the real code's first /api limiter)
        RequestBudget budget = budget(0, Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            get(budget, "/api/items");
        }

        assertThatThrownBy(() -> get(budget, "/api/items")).isInstanceOf(Inconclusive.class)
                .hasMessageContaining("GET /api/items answered 429 Too Many Requests")
                .hasMessageContaining("RateLimit-Limit 10").hasMessageContaining("Retry-After")
                .hasMessageContaining("exhausted by this suite's own requests: 11 sent to /api/ this run, limit 10");
        assertThat(budget.tooManyRequests()).isEqualTo(1);
    }

    @Test
    void aSampleTheBudgetCannotHoldIsNotStartedAndTheEngineCountsItsRequests() {
        RequestBudget budget = budget(20, Duration.ZERO);
        HttpRequest.Builder items = HttpRequest.newBuilder(URI.create(server.url() + "/api/items"));
        showHeaders = false;

        assertThatThrownBy(() -> new LatencySampler(TIMEOUTS, budget).sample("GET /api/items", items, 1, 200))
                .isInstanceOf(Inconclusive.class).hasMessageContaining("cannot hold 201 more requests");
        assertThat(received).as("requests sent for a sample the budget cannot hold").hasValue(0);

        new LatencySampler(TIMEOUTS, budget).sample("GET /api/items", items, 1, 5);
        new LatencySampler(TIMEOUTS, budget).sample("GET /health", HttpRequest.newBuilder(URI.create(server.url() + "/health")), 5, 50);
        assertThat(budget.limited()).as("/api requests the engine counted").isEqualTo(6).isEqualTo(received.get());
        assertThat(budget.total()).isEqualTo(61);
    }

    @Test
    void theEngineStopsSamplingAtTheLimitersReserveInsteadOfTrippingIt() {
        RequestBudget budget = budget(0, Duration.ZERO);
        HttpRequest.Builder items = HttpRequest.newBuilder(URI.create(server.url() + "/api/items"));

        assertThatThrownBy(() -> new LatencySampler(TIMEOUTS, budget).sample("GET /api/items", items, 0, 50))
                .isInstanceOf(Inconclusive.class).hasMessageContaining("sampling stopped after 7 recorded requests")
                .hasMessageContaining("at or below the reserve of 3");
        assertThat(received).hasValue(7);
        assertThat(budget.tooManyRequests()).isZero();
    }
}
