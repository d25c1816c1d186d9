package dev.deployverify.perf;

import dev.deployverify.run.Inconclusive;

import java.time.Duration;

/**
 * What a load run generated and measured: the latency sample (errors and status codes included), how many requests
 * were scheduled, dropped (due while every sender was busy: load the run could not generate) and late.
 *
 * @param intendedRate requests per second asked for (0 for the closed model)
 * @param maxBehind    the most a request started after its intended time
 */
public record LoadResult(LatencySample sample, String model, int scheduled, int dropped, int late, Duration elapsed,
                         double intendedRate, Duration maxBehind) {

    /** Requests per second actually answered. */
    public double achievedRate() {
        return elapsed.isZero() ? 0 : sample.count() / (elapsed.toNanos() / 1e9);
    }

    /**
     * This run, if it generated the load it was asked for; a run that dropped requests is inconclusive: its
     * percentiles describe a lighter load, so it neither passes nor fails the deployment.
     */
    public LoadResult requireFullLoad() {
        if (dropped > 0) {
            throw new Inconclusive(String.format("the load run could not generate its load: %d of %d requests dropped "
                    + "(due while every sender was busy), so its percentiles do not describe the load asked for (%s)",
                    dropped, scheduled, model));
        }
        return this;
    }

    /** A small table for the report. */
    public String summary() {
        return String.format("%s%nscheduled: %d%ndropped: %d (due while every sender was busy)%nlate: %d (started > %d ms after their time)%n"
                        + "elapsed: %.2f s%nachieved: %.1f req/s%n%s",
                model, scheduled, dropped, late, LoadGenerator.LATE_AFTER.toMillis(), elapsed.toNanos() / 1e9, achievedRate(),
                sample.summary());
    }
}
