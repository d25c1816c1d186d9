package dev.deployverify.systems.dawg.checks;

import dev.deployverify.run.Inconclusive;
import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.perf.LatencySample;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.verify.LatencyVerification;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;

import java.time.Duration;
import java.util.Map;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Pre-deployment "Performance benchmarks: WebSocket latency < 100ms" and the success metric "WebSocket: Latency
 * < 100ms": client-observed round trips of a socket.io event the server acknowledges, after a discarded warm-up.
 * Bounded: each emit waits a few budgets for its acknowledgement, the probe stops after three unacknowledged in a
 * row (inconclusive when none ever was: the event is the wrong one) and at an overall deadline.
 */
@DawgCheck
@DisplayName("DAWG AI: WebSocket latency")
class DawgWebSocketLatencyChecks {

    private static final int WARMUP = 5;
    /** Unacknowledged emits in a row after which the probe stops. */
    private static final int UNANSWERED_IN_A_ROW = 3;
    /** The probe's overall deadline: the environment's flow timeout, at least this. */
    private static final Duration MIN_DEADLINE = Duration.ofSeconds(10);

    @PerformanceCheck
    @Verifies("DAWG-23.5")
    @DisplayName("Latency < 100ms (WebSocket: p95 of socket.io emit-with-acknowledgement round trips)")
    void webSocketLatency(DawgClient api, LatencyVerification latency) {
        String event = api.latencyProbeEvent();
        int count = api.thresholds().count("wsLatencySamples");
        Duration ackTimeout = ackTimeout(api.target().threshold("wsLatencyMs"), api.sut().timeouts().request());
        Duration flow = api.sut().timeouts().flow();
        Duration deadline = flow.compareTo(MIN_DEADLINE) > 0 ? flow : MIN_DEADLINE;
        LatencySample sample = new LatencySample("socket.io '" + event + "' acknowledgement round trip", "acknowledged");
        try (SocketIoClient socket = api.socket(DawgHealthChecks.PROBE_USER)) {
            Allure.step("Send " + count + " '" + event + "' events with acknowledgement (after " + WARMUP + " warm-up; each "
                    + "waits at most " + ackTimeout.toMillis() + " ms, the whole probe at most " + deadline.toSeconds() + " s)", () -> {
                long end = System.nanoTime() + deadline.toNanos();
                int unansweredInARow = 0;
                long acknowledged = 0;
                for (int i = 0; i < WARMUP + count; i++) {
                    if (System.nanoTime() - end >= 0) {
                        sample.stoppedEarly("stopped at the probe's deadline of " + deadline.toSeconds() + " s after "
                                + Math.max(0, i - WARMUP) + " of " + count + " round trips");
                        return;
                    }
                    long start = System.nanoTime();
                    String outcome = "ack";
                    boolean error = false;
                    try {
                        socket.emitWithAck(event, Map.of("sentAt", System.currentTimeMillis()), ackTimeout);
                        unansweredInARow = 0;
                        acknowledged++;
                    } catch (AssertionError noAck) {
                        outcome = "no ack within " + ackTimeout.toMillis() + " ms";
                        error = true;
                        unansweredInARow++;
                    }
                    if (i >= WARMUP || error) {  // an unanswered warm-up emit is a finding too
                        sample.record((System.nanoTime() - start) / 1000, outcome, error);
                    }
                    if (unansweredInARow >= UNANSWERED_IN_A_ROW) {
                        if (acknowledged == 0) {
                            throw new Inconclusive("this server acknowledges no '" + event + "': " + UNANSWERED_IN_A_ROW
                                    + " emits in a row got no acknowledgement within " + ackTimeout.toMillis() + " ms each, and "
                                    + "none before them did either; expected an event it acknowledges to time the round "
                                    + "trip: set settings.latencyProbeEvent of " + api.target().name() + " (`latencyProbeEvent`)"
                                    + (socket.isOpen() ? "" : "; the socket closed"));
                        }
                        sample.stoppedEarly("stopped after " + UNANSWERED_IN_A_ROW + " unacknowledged '" + event
                                + "' emits in a row, after " + acknowledged + " acknowledged");
                        return;
                    }
                }
            });
        }
        latency.percentileWithin(95, "wsLatencyMs", sample, count);
        assertThat(sample).hasErrorRateBelow(0.001);
    }

    /**
     * How long one emit waits for its acknowledgement: ten times the budget (at least 1 s), within the request
     * timeout. An acknowledgement later than that fails the budget anyway; waiting the full request timeout per
     * sample made a silent server take minutes to say so.
     */
    private static Duration ackTimeout(double budgetMs, Duration request) {
        Duration tenBudgets = Duration.ofMillis(Math.max(1000, (long) (10 * budgetMs)));
        return tenBudgets.compareTo(request) < 0 ? tenBudgets : request;
    }
}
