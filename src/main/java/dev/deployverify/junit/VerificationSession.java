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
import dev.deployverify.evidence.RunRecord;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
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
    private final String suiteCommit;
    private final RunScope scope;

    private VerificationSession(Environment environment, Redactor redactor, ReferenceDeployment reference,
                                RunRecord record, Path reportsDir, String suiteCommit) {
        this.environment = environment;
        this.redactor = redactor;
        this.reference = reference;
        this.record = record;
        this.reportsDir = reportsDir;
        this.suiteCommit = suiteCommit;
        this.scope = new RunScope(environment);
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
            scope.report(record);
            if (reportsDir != null) {
                EvidenceWriter.write(environment, record, ChecklistCatalogue.load(environment.systems().keySet()),
                        suiteCommit, reportsDir, redactor);
            }
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
            RunRecord record = new RunRecord(environment.name(), environment.description());
            Readiness.await(environment, Readiness.parseExpectedVersions(configuration.apply("expect.version")))
                    .forEach(record::notReady);  // only that system's checks are skipped; the verdict is inconclusive
            environment.systems().values().forEach(target ->
                    record.version(target.name(), DeployedVersion.read(target, environment.timeouts())));
            AllureEnvironment.write(environment, faults, (SystemTarget target) -> record.versions().get(target.name()), redactor);
            AllureEnvironment.writeCategories();
            String reports = configuration.apply("reports.dir");
            return new VerificationSession(environment, redactor, reference, record,
                    reports == null || reports.isBlank() ? null : Path.of(reports), suiteCommit(request));
        } catch (RuntimeException e) {
            if (reference != null) {
                reference.close();
            }
            throw e;
        }
    }

    /** The commit of the suite that ran, for the sign-off sheet; "unknown" outside a git checkout. */
    private static String suiteCommit(EnvironmentRequest request) {
        Path dir = request.file().toAbsolutePath().getParent();
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            if (git.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && git.exitValue() == 0) {
                String commit = new String(git.getInputStream().readAllBytes()).trim();
                Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").directory(dir.toFile()).start();
                boolean dirty = status.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && status.getInputStream().readAllBytes().length > 0;
                return commit + (dirty ? " (with uncommitted changes)" : "");
            }
            git.destroyForcibly();
        } catch (java.io.IOException e) {
            return "unknown (git not available)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
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

        private Opened(VerificationSession session, RuntimeException failure) {
            this.session = session;
            this.failure = failure;
        }

        static Opened attempt(ExtensionContext context) {
            try {
                return new Opened(open(key -> context.getConfigurationParameter(key).orElse(null)), null);
            } catch (RuntimeException e) {
                return new Opened(null, e);
            }
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}
