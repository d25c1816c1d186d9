package dev.deployverify.junit;

import dev.deployverify.reference.ReferenceDeployment;
import dev.deployverify.run.RunScope;
import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Variables;
import dev.deployverify.evidence.AllureEnvironment;
import dev.deployverify.evidence.ChecklistCatalogue;
import dev.deployverify.evidence.EvidenceWriter;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.evidence.RunEvidence;
import dev.deployverify.evidence.RunPlan;
import dev.deployverify.evidence.RunRecord;
import dev.deployverify.evidence.SuiteCommit;
import dev.deployverify.evidence.Verdict;
import dev.deployverify.run.DeployedVersion;
import dev.deployverify.run.Readiness;
import dev.deployverify.run.RunRequest;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.Function;

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

    /**
     * The run, one way: the request (every option, checked), the environment (a pure load), the reference deployment
     * when the environment asks for one and none is running yet (the selected systems' stand-ins: this session owns
     * and stops them), the readiness gate and the deployed versions (network), then the record the checks fill and
     * the evidence writes.
     */
    static VerificationSession open(RunRequest request) {
        EnvironmentLoader.ParsedEnvironment parsed = EnvironmentLoader.parse(request.environment());
        request.checkFaultsApplyTo(parsed);
        Variables variables = Variables.fromProcessEnvironment();
        ReferenceDeployment reference = null;
        if (parsed.isReference() && request.runningReference() != null) {
            variables = Variables.of(request.runningReferenceVariables()).orElse(variables);
        } else if (parsed.isReference()) {
            ReferenceDeployment.Factory factory = ServiceLoader.load(ReferenceDeployment.Factory.class).findFirst()
                    .orElseThrow(() -> new EnvironmentException("environment '" + parsed.name()
                            + "' targets the reference deployment, which is not on the class path"));
            reference = factory.start(request.environment().selection().systems(), request.referenceFaults());
            variables = Variables.of(reference.variables()).orElse(variables);
        }
        try {
            Environment environment = parsed.resolve(variables, request.colour());
            Redactor redactor = new Redactor();
            environment.systems().values().forEach(target -> target.credentialValues().forEach(redactor::register));
            RunPlan plan = RunPlan.of(request.runId(), environment, request.environment().selection(),
                    request.expectedVersions(), request.suiteCommit());
            RunRecord record = new RunRecord(plan);
            if (request.reportsDir() != null) {
                RunEvidence.checking(plan, request.reportsDir());
            }
            Readiness.await(environment, request.expectedVersions())
                    .forEach(record::notReady);  // only that system's checks are skipped; the verdict is inconclusive
            environment.systems().values().forEach(target ->
                    record.version(target.name(), DeployedVersion.read(target, environment.timeouts())));
            AllureEnvironment.write(plan, environment, request.referenceFaults(),
                    (SystemTarget target) -> record.versions().get(target.name()), redactor);
            AllureEnvironment.writeCategories();
            return new VerificationSession(environment, redactor, reference, record, request.reportsDir());
        } catch (RuntimeException e) {
            if (reference != null) {
                reference.close();
            }
            throw e;
        }
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
                return new Opened(open(RunRequest.from(configuration)), null, configuration);
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
            // The request itself may be what failed: only what is needed to say so is read here, leniently.
            String reports = configuration.apply("reports.dir");
            if (reports != null && !reports.isBlank() && !reports.startsWith("${")) {
                String basedir = configuration.apply("basedir");
                Verdict.writeUnfinished(RunPlan.unresolved(RunPlan.runIdOrNew(configuration.apply("run.id")),
                                String.valueOf(configuration.apply("env")), configuration.apply("checks"),
                                SuiteCommit.of(Path.of(basedir == null || basedir.isBlank() ? System.getProperty("user.dir") : basedir))),
                        Verdict.Stage.FINISHED, "the run could not start its checks: " + failure.getMessage(), Path.of(reports));
            }
        }
    }
}
