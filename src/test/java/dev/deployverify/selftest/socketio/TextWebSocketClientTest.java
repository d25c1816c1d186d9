package dev.deployverify.selftest.socketio;

import dev.deployverify.evidence.Redactor;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.socketio.TextWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextWebSocketClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static ReferenceServer server;

    @BeforeAll
    static void startServer() {
        server = ReferenceServer.start(config -> config.routes.ws("/echo", ws -> {
            ws.onConnect(ctx -> ctx.send("{\"type\":\"hello\",\"token\":\"secret-token-123\"}"));
            ws.onMessage(ctx -> {
                switch (ctx.message()) {
                    case "ping" -> ctx.send("pong");
                    case "close" -> ctx.closeSession(1011, "going away");
                    default -> ctx.send("echo:" + ctx.message());
                }
            });
        }));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void receivesFramesAndTimesRoundTrips() {
        Redactor redactor = new Redactor();
        redactor.register("secret-token-123");
        try (TextWebSocketClient socket = connect(redactor)) {
            String hello = socket.awaitFrame(0, frame -> frame.contains("hello"), "the hello frame", TIMEOUT);

            assertThat(hello).contains("\"type\":\"hello\"");
            assertThat(socket.roundTripMicros("ping", "pong", TIMEOUT)).isPositive();
            assertThat(socket.frames()).containsExactly(hello, "pong");
            assertThat(socket.transcript()).contains("-> ping").contains("<- pong")
                    .contains(Redactor.MASK).doesNotContain("secret-token-123");
        }
    }

    @Test
    void waitsOnlyForFramesAfterTheGivenIndex() {
        try (TextWebSocketClient socket = connect(new Redactor())) {
            socket.roundTripMicros("ping", "pong", TIMEOUT);
            int from = socket.frameCount();

            assertThatThrownBy(() -> socket.awaitFrame(from, "pong"::equals, "a second 'pong'", Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected a second 'pong' within 200 ms, but none arrived")
                    .hasMessageContaining("frames received: none");
        }
    }

    @Test
    void saysWhenTheServerClosedFirst() {
        try (TextWebSocketClient socket = connect(new Redactor())) {
            socket.send("close");

            assertThatThrownBy(() -> socket.awaitFrame(socket.frameCount(), "pong"::equals, "a 'pong'", TIMEOUT))
                    .hasMessageContaining("the WebSocket closed first")
                    .hasMessageContaining("1011").hasMessageContaining("going away");
            assertThatThrownBy(() -> socket.send("ping"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("expected the WebSocket to be open to send 'ping'");
        }
    }

    @Test
    void aWebSocketThatDoesNotOpenIsAFinding() {
        URI nowhere = URI.create("ws://127.0.0.1:" + server.port() + "/no-such-socket");

        assertThatThrownBy(() -> TextWebSocketClient.connect(nowhere, Map.of(), TIMEOUT, new Redactor()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the WebSocket ws://127.0.0.1:" + server.port() + "/no-such-socket to open");
    }

    private static TextWebSocketClient connect(Redactor redactor) {
        return TextWebSocketClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), Map.of(), TIMEOUT, redactor);
    }
}
