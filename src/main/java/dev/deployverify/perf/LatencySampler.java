package dev.deployverify.perf;

import dev.deployverify.env.Timeouts;

import java.net.http.HttpRequest;

/**
 * Sends requests one after another and records each one's client-observed latency: the {@link LoadGenerator}'s
 * closed model with one user. Sequential on purpose: this is the checklists' "latency within range" under no
 * load, not a load test.
 */
public final class LatencySampler {

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
        // Bounded in time too: every request timing out is the worst case, and then the sample is simply short.
        return engine.closedModel(label, request, warmup, 1, timeouts.request().multipliedBy(samples), samples).sample();
    }
}
