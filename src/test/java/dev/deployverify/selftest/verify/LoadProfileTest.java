package dev.deployverify.selftest.verify;

import dev.deployverify.env.Timeouts;
import dev.deployverify.perf.LoadGenerator;
import dev.deployverify.perf.LoadProfile;
import dev.deployverify.perf.LoadResult;
import dev.deployverify.reference.ReferenceServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A load profile said in words: immutable, checked where it is given, and run by the engine as it says. */
class LoadProfileTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

    @Test
    void everySetterGivesANewProfile() {
        LoadProfile users = LoadProfile.closed(10);
        LoadProfile bounded = users.warmup(5).thinkTime(Duration.ofMillis(20)).deadline(Duration.ofSeconds(3)).requests(40);

        assertThat(users.maxRequests()).as("the profile it was made from").isZero();
        assertThat(users.deadline()).isNull();
        assertThat(bounded.users()).isEqualTo(10);
        assertThat(bounded.warmupRequests()).isEqualTo(5);
        assertThat(bounded.thinkTime()).isEqualTo(Duration.ofMillis(20));
        assertThat(bounded.deadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(bounded.maxRequests()).isEqualTo(40);
        assertThat(bounded).hasToString("10 users, think time 20 ms, at most 3000 ms or 40 requests, 5 warm-up");
    }

    @Test
    void nonsenseIsRefusedWhereItIsGiven() {
        assertThatThrownBy(() -> LoadProfile.closed(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one user");
        assertThatThrownBy(() -> LoadProfile.closed(1).warmup(-1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> LoadProfile.closed(1).thinkTime(Duration.ofMillis(-1))).hasMessageContaining("negative");
        assertThatThrownBy(() -> LoadProfile.closed(1).deadline(Duration.ZERO)).hasMessageContaining("deadline");
        assertThatThrownBy(() -> LoadProfile.closed(1).requests(0)).hasMessageContaining("at least one request");
    }

    @Test
    void aRunNeedsItsBoundsInRequestsAndInTime() {
        LoadGenerator engine = new LoadGenerator(TIMEOUTS);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/"));

        assertThatThrownBy(() -> LoadProfile.closed(2).requests(10).run(engine, "GET /", request))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a deadline(...)");
        assertThatThrownBy(() -> LoadProfile.closed(2).deadline(Duration.ofSeconds(1)).run(engine, "GET /", request))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("requests(...)");
    }

    @Test
    void theEngineRunsTheProfileAsItSays() {
        try (ReferenceServer server = ReferenceServer.start(config -> config.routes.get("/ping", ctx -> ctx.result("pong")))) {
            LoadResult run = LoadProfile.closed(4).warmup(3).deadline(Duration.ofSeconds(5)).requests(40)
                    .run(new LoadGenerator(TIMEOUTS), "GET /ping", HttpRequest.newBuilder(URI.create(server.url() + "/ping")));

            assertThat(run.sample().count()).as("requests recorded, warm-up not among them").isEqualTo(40);
            assertThat(run.sample().errors()).isZero();
            assertThat(run.model()).contains("4 concurrent users").contains("40 requests");
        }
    }
}
