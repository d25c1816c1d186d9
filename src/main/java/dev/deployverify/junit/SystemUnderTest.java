package dev.deployverify.junit;

import dev.deployverify.env.Environment;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Timeouts;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.evidence.RunRecord;
import dev.deployverify.http.HttpSpecs;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a check gets injected: the system it verifies in this environment, its timeouts, the redactor every
 * secret must be registered with, the run's record for the figures it measures, and where the run keeps its
 * evidence (reports/&lt;env&gt;; null when it writes none, as in the suite's own tests), e.g. latency baselines.
 */
public record SystemUnderTest(Environment environment, SystemTarget target, Redactor redactor, RunRecord record,
                              Path reportsDir) {

    /** Where this run writes its evidence, if it writes any. */
    public Optional<Path> reports() {
        return Optional.ofNullable(reportsDir);
    }

    public Timeouts timeouts() {
        return environment.timeouts();
    }

    /** A fresh REST Assured specification for this system: base URI, timeouts, redacted evidence. */
    public RequestSpecification http() {
        return HttpSpecs.forSystem(target, timeouts(), redactor);
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
