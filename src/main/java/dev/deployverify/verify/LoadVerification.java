package dev.deployverify.verify;

import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.perf.LatencyEvidence;
import dev.deployverify.perf.LoadProfile;
import dev.deployverify.perf.LoadResult;
import io.qameta.allure.Allure;

import java.net.http.HttpRequest;
import java.time.Duration;

import static dev.deployverify.perf.PerfAssertions.assertThat;

/**
 * The bodies of the load checks: the environment's load profile (thresholds {@code loadUsers},
 * {@code warmupRequests}, {@code loadThinkMs}, {@code loadSeconds}, {@code loadRequests}) run once against one
 * request, then its error rate and its p95 each held to their threshold ({@code errorRatePercent}, {@code p95Ms})
 * over at least one request per user. A run that could not generate its load is inconclusive. The profile applied
 * (users, think time, duration, requests) and the budget are each check's report parameters, whatever its display name
 * says of the checklist's default.
 */
public final class LoadVerification {

    private final SystemUnderTest sut;
    private final Thresholds thresholds;
    private final LatencyEvidence evidence;

    public LoadVerification(SystemUnderTest sut) {
        this.sut = sut;
        this.thresholds = new Thresholds(sut);
        this.evidence = new LatencyEvidence(sut);
    }

    /** This environment's load profile. */
    public LoadProfile profile() {
        return LoadProfile.closed(sut.target().intThreshold("loadUsers"))
                .warmup(sut.target().intThreshold("warmupRequests"))
                .thinkTime(Duration.ofMillis(sut.target().intThreshold("loadThinkMs")))
                .deadline(Duration.ofSeconds(sut.target().intThreshold("loadSeconds")))
                .requests(sut.target().intThreshold("loadRequests"));
    }

    /** Runs the profile on {@code request} (recorded as {@code label}), as a step of the report: once, for the checks to judge. */
    public LoadResult run(String label, HttpRequest.Builder request) {
        LoadProfile profile = profile();
        return Allure.step(profile.users() + " concurrent users on " + label + " (" + profile + ")",
                () -> profile.run(sut.loadGenerator(), label, request));
    }

    /** The run's error rate is below {@code errorRatePercent}. */
    public void errorRateWithin(LoadResult run) {
        int users = applied();
        double budget = thresholds.value("errorRatePercent");
        evidence.attachLoad(run, sut.target().threshold("p95Ms"));
        assertThat(run.sample()).hasAtLeastSamples(users).hasErrorRateBelow(budget);
    }

    /** The run's p95 is below {@code p95Ms}. */
    public void p95Within(LoadResult run) {
        int users = applied();
        double budget = thresholds.value("p95Ms");
        evidence.attachLoad(run, budget);
        assertThat(run.sample()).hasAtLeastSamples(users).hasPercentileBelow(95, budget);
    }

    /** Records the profile applied as report parameters; a run holds at least one request per user. */
    private int applied() {
        int users = thresholds.count("loadUsers");
        thresholds.count("loadThinkMs");
        thresholds.count("loadSeconds");
        thresholds.count("loadRequests");
        return users;
    }
}
