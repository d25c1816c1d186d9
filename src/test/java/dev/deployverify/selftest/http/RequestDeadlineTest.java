package dev.deployverify.selftest.http;

import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.selftest.support.HostileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every HTTP exchange of the suite ends within the environment's connect + request timeouts, whatever the server. */
@Isolated // wall-time bounds on the request deadline (and REST Assured's first use)
class RequestDeadlineTest {

    private static final Timeouts ONE_SECOND = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1));

    @Test
    void anAnswerArrivingByteByByteIsAbortedAtTheDeadlineWithAClearMessage() throws Exception {
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.SLOW_BYTE_BY_BYTE)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> given().spec(HttpSpecs.forBaseUri(server.url(), ONE_SECOND, new Redactor())).get("/api/slow"))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("expected a complete answer to GET " + server.url() + "/api/slow within 2000 ms")
                    .hasCauseInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time until the exchange was given up")
                    .isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheSocketTimeout() throws Exception {
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.ACCEPT_AND_NEVER_ANSWER)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> given().spec(HttpSpecs.forBaseUri(server.url(), ONE_SECOND, new Redactor())).get("/health"))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time until the exchange was given up")
                    .isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aPromptAnswerIsUntouched() throws Exception {
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.SLOW_BYTE_BY_BYTE)) {
            // The slow server answers /health at once.
            assertThat(given().spec(HttpSpecs.forBaseUri(server.url(), ONE_SECOND, new Redactor())).get("/health").statusCode())
                    .isEqualTo(200);
        }
    }
}
