package dev.deployverify.evidence;

import dev.deployverify.env.Colour;
import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentPreflight;
import dev.deployverify.env.EnvironmentRequest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The first step of {@code mvn verify}, run by Maven right after compiling: validates the environment (a bad name, a
 * missing secret, a typo is one line and no check runs) and starts the run's evidence (see {@link RunEvidence}).
 * When the environment does not load, the run ends here, with an inconclusive verdict that says why.
 */
public final class RunStart {

    private RunStart() {
    }

    public static void main(String[] args) {
        int exit = run(System::getProperty, System.out);
        if (exit != 0) {
            // The verdict is the last thing printed: no Maven "BUILD FAILURE ... re-run with -e" after it.
            System.out.flush();
            System.exit(exit);
        }
    }

    /**
     * @param configuration {@code env}, {@code env.file}, {@code checks}, {@code colour}, {@code expect.version},
     *                      {@code basedir}, {@code run.id}, {@code reports.dir}, and {@code run.verifying} (true when
     *                      this Maven run goes on to the checks: only then is there evidence to start)
     * @return the exit code: 0 to go on, else the verdict's (see {@link VerdictGate#exitCode})
     */
    public static int run(Function<String, String> configuration, PrintStream out) {
        boolean verifying = Boolean.parseBoolean(configuration.apply("run.verifying"));
        String reports = configuration.apply("reports.dir");
        Path reportsDir = verifying && reports != null && !reports.isBlank() ? Path.of(reports) : null;
        String runId = RunPlan.runIdOrNew(configuration.apply("run.id"));
        String suiteCommit = SuiteCommit.of(Path.of(configuration.apply("basedir") == null ? "." : configuration.apply("basedir")));
        try {
            EnvironmentRequest request = EnvironmentRequest.from(configuration);
            Environment environment = EnvironmentPreflight.check(request, configuration.apply("colour"));
            Map<String, String> expected = Readiness.parseExpectedVersions(configuration.apply("expect.version"));
            checkReferenceFaults(configuration.apply("reference.faults"), environment);
            RunPlan plan = RunPlan.of(runId, environment, request.selection(), expected, suiteCommit);
            out.println("[deploy-verify] run " + runId + ": environment '" + environment.name() + "' (" + environment.source()
                    + "): " + (environment.systems().isEmpty() ? "no system selected" : String.join(", ", environment.systems().keySet()))
                    + " (" + plan.selection() + ")"
                    + (environment.colour() == Colour.GREEN ? "; verifying the green stack" : "")
                    + (environment.mutatingChecksAllowed() ? "; mutating checks allowed" : "; read-only checks only"));
            if (reportsDir != null) {
                RunEvidence.begin(plan, reportsDir);
            }
            return 0;
        } catch (EnvironmentException e) {
            out.println("[deploy-verify] " + e.getMessage());
            if (reportsDir == null) {
                return VerdictGate.exitCode(Verdict.Outcome.INCONCLUSIVE);
            }
            RunPlan plan = RunPlan.unresolved(runId, environmentLabel(configuration), configuration.apply("checks"), suiteCommit);
            RunEvidence.begin(plan, reportsDir);
            Verdict.writeUnfinished(plan, Verdict.Stage.FINISHED,
                    "the run could not start, so no check ran: " + e.getMessage(), reportsDir);
            return VerdictGate.finish(reportsDir, runId, out);
        }
    }

    /** A fault name with a typo would otherwise stop every check with the same error: one line here instead. */
    private static void checkReferenceFaults(String text, Environment environment) {
        java.util.Set<String> faults = new java.util.TreeSet<>();
        for (String fault : (text == null ? "" : text).split(",")) {
            if (!fault.isBlank()) {
                faults.add(fault.trim());
            }
        }
        if (faults.isEmpty()) {
            return;
        }
        if (!environment.isReference()) {
            throw new EnvironmentException("reference.faults applies to the reference deployment only; environment '"
                    + environment.name() + "' is a real deployment");
        }
        java.util.ServiceLoader.load(dev.deployverify.junit.ReferenceDeployment.Factory.class).findFirst().ifPresent(factory -> {
            java.util.Set<String> unknown = new java.util.TreeSet<>(faults);
            unknown.removeAll(factory.knownFaults());
            if (!unknown.isEmpty()) {
                throw new EnvironmentException("unknown reference fault " + String.join(", ", unknown) + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(factory.knownFaults())));
            }
        });
    }

    private static String environmentLabel(Function<String, String> configuration) {
        String env = configuration.apply("env");
        return env == null || env.isBlank() ? EnvironmentRequest.DEFAULT_NAME : env.trim();
    }
}
