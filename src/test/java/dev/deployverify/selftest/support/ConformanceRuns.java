package dev.deployverify.selftest.support;

import org.assertj.core.api.SoftAssertions;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one system's whole check set against its Node conformance target, twice in a row against the same process
 * (so its rate-limit windows carry over, as in production), prints what each run did and what the target counted,
 * and asserts both runs green.
 */
public final class ConformanceRuns {

    /**
     * The only reasons a check may be skipped against a conformance target: it has no database or Redis for the
     * infra checks, and it serves plain http (no certificate).
     */
    public static final List<Pattern> LEGITIMATE_SKIPS = List.of(
            Pattern.compile("needs credentials\\.(databaseUrl|replicaDatabaseUrl|redisUrl) "),
            Pattern.compile("is not https: there is no certificate to check"));

    /** One run's outcome, duration and the requests the target counted during it. */
    record Run(int number, CheckRun.Outcome outcome, Duration took, NodeConformanceTarget.Stats counted) {
        @Override
        public String toString() {
            return "run " + number + ": " + outcome.passed().size() + " passed, " + outcome.failed().size() + " failed, "
                    + outcome.skipped().size() + " skipped in " + took.toMillis() + " ms; the target counted " + counted;
        }
    }

    private ConformanceRuns() {
    }

    public static void assertTwoGreenRuns(NodeConformanceTarget target, String system, Class<?>... checks) {
        System.out.printf("[conformance] %s: Node target at %s started in %d ms (log %s)%n", system, target.url(),
                target.startup().toMillis(), target.log());
        Run first = run(target, system, 1, checks);
        Run second = run(target, system, 2, checks);
        SoftAssertions softly = new SoftAssertions();
        for (Run run : List.of(first, second)) {
            softly.assertThat(run.outcome().passed()).as("%s %s: checks passing", system, run).isNotEmpty();
            softly.assertThat(run.outcome().failed()).as("%s %s: checks failing against the Node conformance target", system, run)
                    .isEmpty();
            softly.assertThat(run.outcome().skipped()).as("%s %s: checks skipped for a reason other than no database/Redis or plain http",
                    system, run).allSatisfy((check, reason) -> softly.assertThat(LEGITIMATE_SKIPS)
                    .as("skip reason of '%s': %s", check, reason).anyMatch(p -> p.matcher(reason).find()));
        }
        softly.assertThat(target.isAlive()).as("%s Node target still running after both runs", system).isTrue();
        softly.assertAll();
    }

    public static Run run(NodeConformanceTarget target, String system, int number, Class<?>... checks) {
        NodeConformanceTarget.Stats before = target.stats();
        long start = System.nanoTime();
        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(target.environmentFile())
                .substituting(target.referenceVariables()).run(checks);
        Run run = new Run(number, outcome, Duration.ofNanos(System.nanoTime() - start), target.stats().since(before));
        System.out.printf("[conformance] %s %s%n", system, run);
        outcome.failed().forEach((check, message) -> System.out.printf("[conformance] %s run %d FAILED %s%n    %s%n",
                system, number, check, message.replace("\n", "\n    ")));
        outcome.skipped().forEach((check, reason) -> System.out.printf("[conformance] %s run %d skipped %s: %s%n",
                system, number, check, reason));
        return run;
    }

    /** A fault of a target and the checks it must turn red (parts of their display names). */
    public static void assertFaultCaught(NodeConformanceTarget target, String system, String fault, List<String> expectedRed,
                                  Class<?>... checks) {
        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(target.environmentFile())
                .substituting(target.referenceVariables()).run(checks);
        System.out.printf("[conformance] %s fault %s: %s; the target counted %s%n", system, fault, outcome, target.stats());
        outcome.failed().forEach((check, message) -> System.out.printf("[conformance] %s fault %s red: %s%n    %s%n",
                system, fault, check, message.replace("\n", "\n    ")));
        outcome.assertExactlyRed(system + "." + fault + " (Node)", expectedRed);
    }
}
