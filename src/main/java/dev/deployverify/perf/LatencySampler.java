package dev.deployverify.perf;

import dev.deployverify.env.Timeouts;

import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Sends requests one after another and records each one's client-observed latency: the {@link LoadGenerator}'s
 * closed model with one user. Sequential on purpose: this is the checklists' "latency within range" under no
 * load, not a load test. Only answers with the expected status (2xx unless told) are timed; sampling stops after
 * {@value LoadGenerator#TIMEOUTS_IN_A_ROW} timeouts in a row, and at an overall deadline.
 */
public final class LatencySampler {

    /** The most one sampling may take, however many samples and however long the request timeout. */
    static final Duration MAX_SAMPLING = Duration.ofMinutes(2);

    private final LoadGenerator engine;
    private final Timeouts timeouts;

    public LatencySampler(Timeouts timeouts) {
        this(timeouts, null);
    }

    /** @param budget the system's request budget every request is counted against (see {@link LoadGenerator}) */
    public LatencySampler(Timeouts timeouts, dev.deployverify.http.RequestBudget budget) {
        this.timeouts = timeouts;
        this.engine = new LoadGenerator(timeouts, budget);
    }

    /**
     * @param request built without a timeout; the environment's request timeout is applied here
     * @param warmup  requests sent first and not recorded (connection set-up, JIT on both sides)
     * @param samples requests recorded
     */
    public LatencySample sample(String label, HttpRequest.Builder request, int warmup, int samples) {
        return sample(engine, label, request, warmup, samples);
    }

    /** As {@link #sample(String, HttpRequest.Builder, int, int)}, timing only answers with this status. */
    public LatencySample sample(String label, HttpRequest.Builder request, int warmup, int samples, int expectedStatus) {
        return sample(engine.expecting(expectedStatus), label, request, warmup, samples);
    }

    private LatencySample sample(LoadGenerator engine, String label, HttpRequest.Builder request, int warmup, int samples) {
        // Bounded in time too: a request timeout per sample, at most MAX_SAMPLING (or the flow timeout, if longer).
        Duration perSample = timeouts.request().multipliedBy(samples);
        Duration cap = timeouts.flow().compareTo(MAX_SAMPLING) > 0 ? timeouts.flow() : MAX_SAMPLING;
        Duration deadline = perSample.compareTo(cap) < 0 ? perSample : cap;
        LatencySample sample = LoadProfile.closed(1).warmup(warmup).deadline(deadline).requests(samples)
                .run(engine, label, request).sample();
        if (sample.count() < samples && sample.stoppedEarlyReason().isEmpty()) {
            sample.stoppedEarly("stopped at the sampling deadline of " + deadline.toSeconds() + " s after " + sample.count()
                    + " of " + samples + " requests");
        }
        return sample;
    }
}
