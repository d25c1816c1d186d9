package dev.deployverify.systems.dawg.checks;

import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.verify.Thresholds;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.deployverify.verify.Verify.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Monitoring verification "WebSocket connections stable" and the success metrics "Connections stable" and
 * "Disconnection rate < 5%": a few connections are held open for a while, answering the server's Engine.IO pings
 * and reconnecting if dropped; what the server did to them is then judged.
 */
@DawgCheck
@DisplayName("DAWG AI: WebSocket stability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DawgWebSocketStabilityChecks {

    /** One held connection's record. */
    private record Held(int index, int disconnects, int reconnects, int pingsAnswered, long pingIntervalMs, boolean openAtEnd) {
    }

    private final List<Held> held = new ArrayList<>();
    private Duration hold;

    @BeforeAll
    void holdConnections(DawgClient api) {
        int count = api.target().intThreshold("wsConnections");
        hold = Duration.ofMillis(Math.round(api.target().threshold("wsHoldSeconds") * 1000));
        List<SocketIoClient> sockets = new ArrayList<>();
        try {
            Allure.step("Connect " + count + " socket.io clients (reconnecting after a drop)", () -> {
                for (int i = 0; i < count; i++) {
                    sockets.add(api.socket(DawgHealthChecks.PROBE_USER).reconnecting(Duration.ofMillis(100), client -> { }));
                }
            });
            long start = System.nanoTime();
            Allure.step("Hold them " + hold.toMillis() + " ms", () ->
                    await("the " + count + " connections have been held " + hold.toMillis() + " ms")
                            .atMost(hold.plus(api.sut().timeouts().request()))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> System.nanoTime() - start >= hold.toNanos()));
            for (int i = 0; i < sockets.size(); i++) {
                SocketIoClient s = sockets.get(i);
                held.add(new Held(i, s.disconnects(), s.reconnects(), s.serverPings(), s.pingIntervalMs(), s.isOpen()));
            }
            Allure.addAttachment("socket.io frames (connection 1)", "text/plain", sockets.get(0).transcript(), ".txt");
        } finally {
            sockets.forEach(SocketIoClient::close);
        }
        Allure.addAttachment("Held connections", "text/plain", String.join("\n", held.stream().map(Held::toString).toList()), ".txt");
    }

    @PerformanceCheck
    @Verifies({"DAWG-16.5", "DAWG-23.4"})
    @DisplayName("WebSocket connections stable (connections held open: none dropped, every server ping answered)")
    void connectionsStable(Thresholds thresholds) {
        thresholds.count("wsConnections");
        thresholds.value("wsHoldSeconds");
        for (Held h : held) {
            assertThat(h.disconnects()).as("drops of connection %d held %d ms (%s)", h.index() + 1, hold.toMillis(), h).isZero();
            assertThat(h.openAtEnd()).as("connection %d open at the end of the hold", h.index() + 1).isTrue();
            if (h.pingIntervalMs() > 0) {
                // The server's ping timer is not aligned with the hold: allow the first and the last interval to fall outside it.
                long expectedPings = hold.toMillis() / h.pingIntervalMs() - 2;
                assertThat(h.pingsAnswered()).as("server pings answered on connection %d (ping interval %d ms, held %d ms)",
                        h.index() + 1, h.pingIntervalMs(), hold.toMillis()).isGreaterThanOrEqualTo((int) Math.max(0, expectedPings));
            }
        }
    }

    @PerformanceCheck
    @Verifies("DAWG-23.6")
    @DisplayName("Disconnection rate < 5% (share of held WebSocket connections the server dropped)")
    void disconnectionRate(Thresholds thresholds) {
        thresholds.count("wsConnections");
        double budget = thresholds.value("wsDisconnectPercent");
        long dropped = held.stream().filter(h -> h.disconnects() > 0).count();
        double rate = 100.0 * dropped / held.size();
        Allure.addAttachment("Disconnection rate", "text/plain", String.format("%d of %d connections dropped in %d ms: %.1f%%%n",
                dropped, held.size(), hold.toMillis(), rate), ".txt");
        assertThat(rate).as("disconnection rate in %%, expected < %s (%d of %d connections held %d ms dropped)",
                budget, dropped, held.size(), hold.toMillis()).isLessThan(budget);
    }
}
