package dev.deployverify.run;

import dev.deployverify.env.Environment;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.evidence.RunRecord;
import dev.deployverify.http.HttpSpecs;
import dev.deployverify.http.RequestBudget;
import dev.deployverify.perf.LatencySampler;
import dev.deployverify.perf.LoadGenerator;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a check gets injected: the system it verifies in this environment, its timeouts, the redactor every
 * secret must be registered with, the run's record for the figures it measures, and where the run keeps its
 * evidence (reports/&lt;env&gt;; null when it writes none, as in the suite's own tests), e.g. latency baselines, and
 * what the run's checks share (the system's request budget, a login).
 */
public record SystemUnderTest(Environment environment, SystemTarget target, Redactor redactor, RunRecord record,
                              Path reportsDir, RunScope scope) {

    /** Outside a run (the suite's own tests): a scope of its own. */
    public SystemUnderTest(Environment environment, SystemTarget target, Redactor redactor, RunRecord record, Path reportsDir) {
        this(environment, target, redactor, record, reportsDir, new RunScope(environment));
    }

    /** Where this run writes its evidence, if it writes any. */
    public Optional<Path> reports() {
        return Optional.ofNullable(reportsDir);
    }

    public Timeouts timeouts() {
        return environment.timeouts();
    }

    /**
     * A fresh REST Assured specification for this system: base URI, timeouts, redacted evidence, every request
     * counted against the run's request budget (refused past it; a 429 makes the check inconclusive).
     */
    public RequestSpecification http() {
        return HttpSpecs.forSystem(target, timeouts(), redactor, budget());
    }

    /** As {@link #http()} for another base URI of this system (a presigned upload, a plain-HTTP address). */
    public RequestSpecification http(String baseUri) {
        return HttpSpecs.forBaseUri(baseUri, timeouts(), redactor, budget());
    }

    /**
     * For a rate-limit enforcement check sending on a key or budget of its own (a fresh user, a dedicated API key):
     * counted, never refused, and its 429s reach the check, which is verifying them.
     */
    public RequestSpecification httpOnOwnRateLimit() {
        return HttpSpecs.forOwnRateLimit(target, timeouts(), redactor, budget());
    }

    /** This system's request budget for the whole run (one counter however many check classes send). */
    public RequestBudget budget() {
        return scope.budget(target);
    }

    /**
     * A value obtained once per run for this system (a login), shared by every check class that needs it; a failure
     * to obtain it is reported by each of them, never retried.
     */
    public <T> T shared(String key, Supplier<T> compute) {
        return scope.shared(target.name(), key, compute);
    }

    /** The latency sampler, counting its requests against this system's budget. */
    public LatencySampler latencySampler() {
        return new LatencySampler(timeouts(), budget());
    }

    /** The load engine, counting its requests against this system's budget. */
    public LoadGenerator loadGenerator() {
        return new LoadGenerator(timeouts(), budget());
    }

    /** Puts a measured number on the sign-off sheet and in the verdict's key figures. */
    public void reportFigure(String name, double value, String unit, String basis) {
        record.figure(new RunRecord.Figure(target.name(), name, value, unit, basis));
    }

    /**
     * The credential, or the check is skipped with a reason naming it: a check that cannot run says why instead of
     * passing.
     */
    public String requireCredential(String key) {
        String value = target.credential(key).orElse(null);
        Assumptions.assumeTrue(value != null, () -> "needs credentials." + key + " (" + target.credentialDescription(key)
                + ") for " + target.name() + ", which environment " + environment.name() + " does not give");
        return value;
    }

    /** The setting, or the check is skipped with a reason naming it. */
    public String requireSetting(String key, String whatFor) {
        String value = target.setting(key).orElse(null);
        Assumptions.assumeTrue(value != null, () -> "needs settings." + key + " (" + whatFor + ") for " + target.name()
                + ", which environment " + environment.name() + " does not set");
        return value;
    }
}
