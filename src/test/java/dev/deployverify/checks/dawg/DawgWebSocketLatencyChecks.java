package dev.deployverify.checks.dawg;

import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.socketio.SocketIoClient;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * Pre-deployment "Performance benchmarks: WebSocket latency < 100ms" and the success metric "WebSocket: Latency
 * < 100ms": client-observed round trips of a socket.io event the server acknowledges, after a discarded warm-up.
 */
@DawgCheck
@DisplayName("DAWG AI: WebSocket latency")
class DawgWebSocketLatencyChecks {

    private static final int WARMUP = 5;

    private final SystemUnderTest sut;
    private final DawgClient api;

    DawgWebSocketLatencyChecks(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new DawgClient(sut);
    }

    @PerformanceCheck
    @Verifies("DAWG-23.5")
    @DisplayName("Latency < 100ms (WebSocket: p95 of socket.io emit-with-acknowledgement round trips)")
    void webSocketLatency() {
        String event = sut.target().setting("latencyProbeEvent").orElse("ping");
        int count = sut.target().intThreshold("wsLatencySamples");
        LatencySample sample = new LatencySample("socket.io '" + event + "' acknowledgement round trip");
        try (SocketIoClient socket = api.socket(DawgHealthChecks.PROBE_USER)) {
            Allure.step("Send " + count + " '" + event + "' events with acknowledgement (after " + WARMUP + " warm-up)", () -> {
                for (int i = 0; i < WARMUP + count; i++) {
                    long start = System.nanoTime();
                    String outcome = "ack";
                    boolean error = false;
                    try {
                        socket.emitWithAck(event, Map.of("sentAt", System.currentTimeMillis()), sut.timeouts().request());
                    } catch (AssertionError noAck) {
                        outcome = "no ack";
                        error = true;
                    }
                    if (i >= WARMUP) {
                        sample.record((System.nanoTime() - start) / 1000, outcome, error);
                    }
                }
            });
        }
        new LatencyEvidence(sut).attach(sample, 95, sut.target().threshold("wsLatencyMs"));
        assertThat(sample).hasAtLeastSamples(count).hasErrorRateBelow(0.001)
                .hasPercentileBelow(95, sut.target().threshold("wsLatencyMs"));
    }
}
