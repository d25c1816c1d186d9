package dev.deployverify.run;

import dev.deployverify.env.Colour;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.EnvironmentRequest;
import dev.deployverify.evidence.RunPlan;
import dev.deployverify.evidence.SuiteCommit;
import dev.deployverify.reference.RunningReference;
import dev.deployverify.systems.Systems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a run was asked to do: every option of {@code mvn verify} (or of the verifier jar), parsed and checked once,
 * in one place, for the preflight ({@link dev.deployverify.run.RunStart}) and the run alike. A wrong value is one
 * {@link EnvironmentException} line.
 *
 * @param environment      {@code env}, {@code env.file} and the systems {@code checks} selects
 * @param colour           {@code colour}: the live stack, or blue-green's green one
 * @param expectedVersions {@code expect.version}, per system ({@code *} for every one)
 * @param referenceFaults  {@code reference.faults}: fault ids of the reference deployment, each known
 * @param runningReference {@code reference.running}: the variables file of a reference deployment already running
 *                         (started by a test of the suite, or a Node conformance target), or null to start one
 * @param runId            {@code run.id}, or a new one
 * @param reportsDir       {@code reports.dir}, or null for a run that writes no evidence (the suite's own tests)
 * @param suiteDir         {@code basedir}: the suite's own checkout, for its commit
 */
public record RunRequest(EnvironmentRequest environment, Colour colour, Map<String, String> expectedVersions,
                         Set<String> referenceFaults, Path runningReference, String runId, Path reportsDir, Path suiteDir) {

    public RunRequest {
        expectedVersions = Map.copyOf(expectedVersions);
        referenceFaults = Set.copyOf(referenceFaults);
    }

    /** Reads the options through a lookup (system properties, JUnit configuration parameters). */
    public static RunRequest from(Function<String, String> options) {
        Set<String> faults = Arrays.stream(value(options, "reference.faults").split(","))
                .map(String::trim).filter(f -> !f.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unknown = faults.stream().filter(f -> Systems.fault(f).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new EnvironmentException("unknown reference fault " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", Systems.faults().stream().map(Systems::id).sorted().toList()));
        }
        Path running = value(options, "reference.running").isEmpty() ? null : Path.of(value(options, "reference.running"));
        if (running != null && !Files.isRegularFile(running)) {
            throw new EnvironmentException("reference.running names no file: " + running);
        }
        if (running != null && !faults.isEmpty()) {
            throw new EnvironmentException("reference.faults " + String.join(", ", faults)
                    + " cannot apply to a reference deployment that is already running: its faults were chosen when it started");
        }
        EnvironmentRequest environment = EnvironmentRequest.from(options);
        Set<String> unselected = faults.stream()
                .filter(f -> !environment.selection().includes(Systems.systemOf(Systems.fault(f).orElseThrow()).name()))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unselected.isEmpty()) {
            // Its system's stand-in does not even start: the fault could break nothing, and the run would pass on it.
            throw new EnvironmentException("reference.faults " + String.join(", ", unselected) + " belong to systems"
                    + " that -Dchecks=\"" + environment.selection().expression() + "\" does not select");
        }
        String basedir = value(options, "basedir");
        return new RunRequest(environment, Colour.parse(options.apply("colour")),
                Readiness.parseExpectedVersions(options.apply("expect.version")), faults, running,
                RunPlan.runIdOrNew(options.apply("run.id")),
                value(options, "reports.dir").isEmpty() ? null : Path.of(value(options, "reports.dir")),
                Path.of(basedir.isEmpty() ? System.getProperty("user.dir") : basedir));
    }

    /**
     * Faults are for the reference deployment only: a real deployment's file refuses them, in one line.
     */
    public void checkFaultsApplyTo(EnvironmentLoader.ParsedEnvironment environment) {
        if (!referenceFaults.isEmpty() && !environment.isReference()) {
            throw new EnvironmentException("reference.faults applies to the reference deployment only; environment '"
                    + environment.name() + "' is a real deployment");
        }
    }

    /** The variables of the already running reference deployment ({@link #runningReference}). */
    public Map<String, String> runningReferenceVariables() {
        return RunningReference.read(runningReference);
    }

    /** The {@code -Dchecks} tag expression, empty for every check. */
    public String checks() {
        return environment.selection().expression();
    }

    /** The suite's commit, for the evidence. */
    public String suiteCommit() {
        return SuiteCommit.of(suiteDir);
    }

    private static String value(Function<String, String> options, String key) {
        String value = options.apply(key);
        return value == null || value.startsWith("${") ? "" : value.trim();
    }
}
