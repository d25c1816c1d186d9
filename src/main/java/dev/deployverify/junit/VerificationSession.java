package dev.deployverify.junit;

import dev.deployverify.env.Colour;
import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.EnvironmentRequest;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Variables;
import dev.deployverify.evidence.AllureEnvironment;
import dev.deployverify.evidence.ChecklistCatalogue;
import dev.deployverify.evidence.DeployedVersion;
import dev.deployverify.evidence.EvidenceWriter;
import dev.deployverify.evidence.Readiness;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.evidence.RunEvidence;
import dev.deployverify.evidence.RunPlan;
import dev.deployverify.evidence.RunRecord;
import dev.deployverify.evidence.SuiteCommit;
import dev.deployverify.evidence.Verdict;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One run's state, created once in the root store and closed when the run ends: the loaded environment, the
 * reference deployment when the environment asks for it, the redactor, and the record of what the checks found
 * (written out as sign-off sheets and the verdict on close). Targets are awaited until ready before any check. A failure to create it (bad environment)
 * is kept too, so every check reports the same one line instead of retrying.
 */
public final class VerificationSession implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VerificationSession.class);

    private final Environment environment;
    private final Redactor redactor;
    private final ReferenceDeployment reference;
    private final RunRecord record;
    private final Path reportsDir;
    private final RunScope scope;
    private final Thread onInterrupt;

    private VerificationSession(Environment environment, Redactor redactor, ReferenceDeployment reference,
                                RunRecord record, Path reportsDir) {
        this.environment = environment;
        this.redactor = redactor;
        this.reference = reference;
        this.record = record;
        this.reportsDir = reportsDir;
        this.scope = new RunScope(environment);
        // Ctrl-C, a CI job cancelled, a pod stopped: the verdict says the run was interrupted, with what it had seen.
        this.onInterrupt = new Thread(this::interrupted, "deploy-verify-interrupted");
        if (reportsDir != null) {
            Runtime.getRuntime().addShutdownHook(onInterrupt);
        }
    }

    public static VerificationSession of(ExtensionContext context) {
        Opened opened = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Opened.class, key -> Opened.attempt(context), Opened.class);
        if (opened.failure != null) {
            throw opened.failure;
        }
        return opened.session;
    }

    public Environment environment() {
        return environment;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** Where this run writes its evidence (reports/&lt;env&gt;), or null when it writes none (the suite's own tests). */
    public Path reportsDir() {
        return reportsDir;
    }

    /** What the run's checks share: each system's request budget, logins. */
    public RunScope scope() {
        return scope;
    }

    /** What the run found so far; the extension adds each check's outcome. */
    public RunRecord record() {
        return record;
    }

    /**
     * At the end of the run: the sign-off sheets and the verdict (when the run writes evidence, i.e. has a reports
     * directory), then the reference deployment stops.
     */
    @Override
    public void close() {
        try {
            if (reportsDir != null) {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            }
        } catch (IllegalStateException shuttingDown) {
            return; // the hook writes the verdict
        }
        try {
            scope.report(record);
            if (reportsDir != null) {
                EvidenceWriter.write(environment, record, ChecklistCatalogue.load(environment.systems().keySet()),
                        reportsDir, redactor);
            }
        } finally {
            if (reference != null) {
                reference.close();
            }
        }
    }

    /** The JVM is stopping before the run ended: an inconclusive verdict, with the counts of the checks that ran. */
    private void interrupted() {
        record.unfinished("the run was interrupted after " + record.results().size()
                + " checks had finished: the test JVM was stopped before the end of the run");
        try {
            Verdict.write(record, ChecklistCatalogue.load(environment.systems().keySet()), reportsDir);
        } finally {
            if (reference != null) {
                reference.close();
            }
        }
    }

    static VerificationSession open(Function<String, String> configuration) {
        EnvironmentRequest request = EnvironmentRequest.from(configuration);
        EnvironmentLoader.ParsedEnvironment parsed = EnvironmentLoader.parse(request);
        Set<String> faults = parseFaults(configuration.apply("reference.faults"));
        Variables variables = Variables.fromProcessEnvironment();
        ReferenceDeployment reference = null;
        if (parsed.isReference()) {
            ReferenceDeployment.Factory factory = ServiceLoader.load(ReferenceDeployment.Factory.class).findFirst()
                    .orElseThrow(() -> new EnvironmentException("environment '" + parsed.name()
                            + "' targets the reference deployment, which is not on the class path (run it through Maven)"));
            reference = factory.start(faults);
            variables = Variables.of(reference.variables()).orElse(variables);
        } else if (!faults.isEmpty()) {
            throw new EnvironmentException("reference.faults applies to the reference deployment only; environment '"
                    + parsed.name() + "' is a real deployment");
        }
        try {
            Environment environment = parsed.resolve(variables, Colour.parse(configuration.apply("colour")));
            Redactor redactor = new Redactor();
            environment.systems().values().forEach(target -> target.credentialValues().forEach(redactor::register));
            Map<String, String> expectedVersions = Readiness.parseExpectedVersions(configuration.apply("expect.version"));
            RunPlan plan = RunPlan.of(RunPlan.runIdOrNew(configuration.apply("run.id")), environment, request.selection(),
                    expectedVersions, SuiteCommit.of(suiteDir(configuration)));
            RunRecord record = new RunRecord(plan);
            Path reportsDir = reportsDir(configuration);
            if (reportsDir != null) {
                RunEvidence.checking(plan, reportsDir);
            }
            Readiness.await(environment, expectedVersions)
                    .forEach(record::notReady);  // only that system's checks are skipped; the verdict is inconclusive
            environment.systems().values().forEach(target ->
                    record.version(target.name(), DeployedVersion.read(target, environment.timeouts())));
            AllureEnvironment.write(plan, environment, faults, (SystemTarget target) -> record.versions().get(target.name()), redactor);
            AllureEnvironment.writeCategories();
            return new VerificationSession(environment, redactor, reference, record, reportsDir);
        } catch (RuntimeException e) {
            if (reference != null) {
                reference.close();
            }
            throw e;
        }
    }

    private static Path reportsDir(Function<String, String> configuration) {
        String reports = configuration.apply("reports.dir");
        return reports == null || reports.isBlank() ? null : Path.of(reports);
    }

    /** The suite's own checkout (for its commit), wherever the environment file lives. */
    private static Path suiteDir(Function<String, String> configuration) {
        String basedir = configuration.apply("basedir");
        return Path.of(basedir == null || basedir.isBlank() ? System.getProperty("user.dir") : basedir);
    }

    private static Set<String> parseFaults(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The session, or why there is none; closed with the root store. */
    private static final class Opened implements AutoCloseable {
        private final VerificationSession session;
        private final RuntimeException failure;
        private final Function<String, String> configuration;

        private Opened(VerificationSession session, RuntimeException failure, Function<String, String> configuration) {
            this.session = session;
            this.failure = failure;
            this.configuration = configuration;
        }

        static Opened attempt(ExtensionContext context) {
            Function<String, String> configuration = key -> context.getConfigurationParameter(key).orElse(null);
            try {
                return new Opened(open(configuration), null, configuration);
            } catch (RuntimeException e) {
                return new Opened(null, e, configuration);
            }
        }

        /** The run's verdict: the session's, or, when none could open, inconclusive with the reason. */
        @Override
        public void close() {
            if (session != null) {
                session.close();
                return;
            }
            Path reportsDir = reportsDir(configuration);
            if (reportsDir != null) {
                Verdict.writeUnfinished(RunPlan.unresolved(RunPlan.runIdOrNew(configuration.apply("run.id")),
                                String.valueOf(configuration.apply("env")), configuration.apply("checks"), SuiteCommit.of(suiteDir(configuration))),
                        Verdict.Stage.FINISHED, "the run could not start its checks: " + failure.getMessage(), reportsDir);
            }
        }
    }
}
