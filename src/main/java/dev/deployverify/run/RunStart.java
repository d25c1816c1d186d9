package dev.deployverify.run;

import dev.deployverify.env.Colour;
import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentRequest;
import dev.deployverify.evidence.RunEvidence;
import dev.deployverify.evidence.RunPlan;
import dev.deployverify.evidence.SuiteCommit;
import dev.deployverify.evidence.Verdict;
import dev.deployverify.evidence.VerdictGate;

import java.io.PrintStream;
import java.nio.file.Path;
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
            RunRequest request = RunRequest.from(configuration);
            Environment environment = Preflight.check(request);
            RunPlan plan = RunPlan.of(runId, environment, request.environment().selection(), request.expectedVersions(), suiteCommit);
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

    private static String environmentLabel(Function<String, String> configuration) {
        String env = configuration.apply("env");
        return env == null || env.isBlank() ? EnvironmentRequest.DEFAULT_NAME : env.trim();
    }
}
