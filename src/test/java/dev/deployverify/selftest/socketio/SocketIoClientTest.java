package dev.deployverify.selftest.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.reference.SocketIoServer;
import dev.deployverify.socketio.SocketIoClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The socket.io client against the stand-ins' socket.io server on loopback. */
class SocketIoClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private SocketIoServer socketIo;
    private ReferenceServer server;

    private SocketIoClient connect(long pingIntervalMs, long dropAfterMs) {
        socketIo = new SocketIoServer(handshake -> SocketIoServer.Decision.accept(Set.of("room"), List.of()), pingIntervalMs, false)
                .onAck("ping", (connection, payload) -> Map.of("pong", payload.path("n").asInt()))
                .on("join", (connection, payload) -> connection.join(payload.asText()));
        if (dropAfterMs > 0) {
            socketIo.dropConnectionsAfter(dropAfterMs);
        }
        server = ReferenceServer.start(config -> socketIo.install(config, "/socket.io/"));
        return SocketIoClient.connect(URI.create("ws://127.0.0.1:" + server.port()), "/socket.io/", Map.of(), Map.of(), TIMEOUT, new Redactor());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            socketIo.close();
        }
    }

    @Test
    void emitWithAckReturnsTheServersAcknowledgement() {
        try (SocketIoClient client = connect(25_000, 0)) {
            JsonNode first = client.emitWithAck("ping", Map.of("n", 1), TIMEOUT);
            JsonNode second = client.emitWithAck("ping", Map.of("n", 2), TIMEOUT);

            assertThat(first.path("pong").asInt()).isEqualTo(1);
            assertThat(second.path("pong").asInt()).as("acks are matched by id").isEqualTo(2);
            assertThat(client.transcript()).contains("-> 420[\"ping\"").contains("<- 430[{\"pong\":1}]");
        }
    }

    @Test
    void aMissingAcknowledgementFailsNamingTheEventAndTheWait() {
        try (SocketIoClient client = connect(25_000, 0)) {
            assertThatThrownBy(() -> client.emitWithAck("join", "room-2", Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected an acknowledgement of 'join' within 200 ms, but none arrived");
        }
    }

    @Test
    void answersServerPingsAndReportsTheAnnouncedInterval() {
        try (SocketIoClient client = connect(100, 0)) {
            await("the client answers three server pings").atMost(TIMEOUT).until(() -> client.serverPings() >= 3);

            assertThat(client.pingIntervalMs()).isEqualTo(100);
            assertThat(client.isOpen()).isTrue();
            assertThat(client.disconnects()).isZero();
        }
    }

    @Test
    void withoutReconnectADropClosesTheClientAndCountsOnce() {
        try (SocketIoClient client = connect(25_000, 200)) {
            // isOpen() turns false with the TCP close, the drop is counted when the close callback has run: just after.
            await("the server drops the connection").atMost(TIMEOUT).until(() -> !client.isOpen() && client.disconnects() > 0);

            assertThat(client.disconnects()).isEqualTo(1);
            assertThat(client.reconnects()).isZero();
        }
    }

    @Test
    void reconnectsAfterADropAndRejoins() {
        AtomicInteger rejoined = new AtomicInteger();
        try (SocketIoClient client = connect(25_000, 300).reconnecting(Duration.ofMillis(50), c -> {
            rejoined.incrementAndGet();
            c.emit("join", "room-2");
        })) {
            await("the client reconnects after a drop").atMost(TIMEOUT).until(() -> client.reconnects() >= 1);

            assertThat(client.disconnects()).isGreaterThanOrEqualTo(1);
            assertThat(rejoined.get()).isEqualTo(client.reconnects());
            await("the reconnected socket is usable").atMost(TIMEOUT).untilAsserted(() ->
                    assertThat(client.emitWithAck("ping", Map.of("n", 7), Duration.ofMillis(200)).path("pong").asInt()).isEqualTo(7));
        }
    }
}
