package dev.deployverify.cli;

import dev.deployverify.evidence.RunPlan;
import dev.deployverify.evidence.VerdictGate;
import dev.deployverify.run.RunStart;
import dev.deployverify.systems.Systems;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The verifier jar's {@code main}: the run {@code mvn verify} makes, in one JVM and without Maven. The same steps, in
 * the same order, with the same inputs and outputs: {@link RunStart} (a bad environment is one line and exit 2), the
 * checks through the JUnit Platform launcher as failsafe runs them (the same classes, tag filter, configuration
 * parameters and system properties, Allure results into {@code <reports-dir>/allure-results}), then
 * {@link VerdictGate} (verdict.json, sign-off sheets, the Allure report, the verdict printed last). The process exits
 * with the verdict's code: 0 pass, 1 fail, 2 inconclusive.
 */
public final class Verifier {

    /**
     * Failsafe's {@code configurationParameters} (pom.xml): allure-jupiter's extension left out for the suite's own
     * fixture recorder, and every check's overall deadline. {@code VerifierJarTest} keeps the two the same.
     */
    public static final Map<String, String> JUNIT_CONFIGURATION = ordered(
            "junit.jupiter.extensions.autodetection.enabled", "true",
            "junit.jupiter.extensions.autodetection.exclude", "io.qameta.allure.jupiter.AllureJupiter",
            "junit.jupiter.execution.timeout.testable.method.default", "15 m",
            "junit.jupiter.execution.timeout.lifecycle.method.default", "15 m");

    /** Failsafe's logging system properties (pom.xml): a quiet console. A {@code -D} given to java wins. */
    public static final Map<String, String> LOGGING = ordered(
            "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
            "org.slf4j.simpleLogger.log.io.javalin", "warn");

    private Verifier() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.getenv(), System.out);
        System.out.flush();
        // Also ends whatever threads a target left behind (a socket.io client mid-handshake): the verdict is final.
        System.exit(exit);
    }

    /** The whole run; returns the exit code. */
    static int run(String[] args, Map<String, String> environment, PrintStream out) {
        VerifierOptions options;
        try {
            options = VerifierOptions.parse(args);
        } catch (VerifierOptions.UsageException e) {
            out.println("[deploy-verify] " + e.getMessage());
            return VerifierOptions.USAGE_EXIT;
        }
        if (options.help()) {
            out.println(VerifierOptions.usage());
            return 0;
        }
        Map<String, String> configuration = configuration(options, environment, Path.of("").toAbsolutePath());
        // The checks read their configuration as failsafe's JVM gives it: system properties (JUnit's configuration
        // parameters fall back to them; Allure reads allure.results.directory only there).
        configuration.forEach(System::setProperty);
        LOGGING.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });

        int start = RunStart.run(configuration::get, out);
        if (start != 0) {
            return start;
        }
        runChecks(configuration, out);
        AllureCommandLine allure = AllureCommandLine.locate(options.get("allure.home"), environment, codeLocation());
        if (allure.found().isEmpty()) {
            out.println("[deploy-verify] " + allure.problem());
        }
        Map<String, String> gate = new LinkedHashMap<>(configuration);
        allure.found().ifPresentOrElse(home -> gate.put("allure.home", home.toString()), () -> gate.remove("allure.home"));
        return VerdictGate.run(gate::get, out);
    }

    /**
     * The configuration (system properties) a command line gives the run, as {@code mvn verify} with the same
     * {@code -D} properties would; a run id is made when none is given.
     *
     * @throws IllegalArgumentException when the command line cannot be read
     */
    public static Map<String, String> configuration(String[] args, Map<String, String> environment, Path workingDir) {
        try {
            return configuration(VerifierOptions.parse(args), environment, workingDir);
        } catch (VerifierOptions.UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * What {@code mvn verify} sets, from the options: {@code -Denv} (default local), {@code reports.dir}
     * ({@code reports/<env>} under the working directory, as under the project folder), a run id when none is given.
     */
    static Map<String, String> configuration(VerifierOptions options, Map<String, String> environment, Path workingDir) {
        String env = blankToNull(options.get("env"));
        env = env == null ? "local" : env;
        String reports = blankToNull(options.get("reports.dir"));
        Path reportsDir = reports == null ? workingDir.resolve("reports").resolve(env) : workingDir.resolve(reports).normalize();
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("env", env);
        configuration.put("env.file", orEmpty(options.get("env.file")));
        configuration.put("checks", orEmpty(options.get("checks")));
        configuration.put("colour", orEmpty(options.get("colour")));
        configuration.put("expect.version", orEmpty(options.get("expect.version")));
        configuration.put("reference.faults", orEmpty(options.get("reference.faults")));
        configuration.put("basedir", workingDir.toString());
        configuration.put("reports.dir", reportsDir.toString());
        configuration.put("allure.results.directory", reportsDir.resolve("allure-results").toString());
        configuration.put("run.id", RunPlan.runIdOrNew(options.get("run.id")));
        configuration.put("run.verifying", "true");
        configuration.put("allure.singleFile", String.valueOf(Boolean.parseBoolean(options.get("allure.singleFile"))));
        configuration.putAll(executor(env, environment));
        return configuration;
    }

    /** The report's executor widget, as pom.xml's ci-* profiles fill it (the last one matching wins, as there). */
    static Map<String, String> executor(String env, Map<String, String> variables) {
        Function<String, String> v = name -> variables.getOrDefault(name, "");
        Map<String, String> executor = ordered("executor.name", "Local run", "executor.type", "local",
                "executor.buildName", "java -jar deploy-verify-verifier.jar --env " + env,
                "executor.buildUrl", "", "executor.buildOrder", "");
        if (variables.containsKey("GITHUB_ACTIONS")) {
            executor = ordered("executor.name", "GitHub Actions", "executor.type", "github",
                    "executor.buildName", v.apply("GITHUB_WORKFLOW") + " #" + v.apply("GITHUB_RUN_NUMBER") + " (" + env + ", " + v.apply("GITHUB_SHA") + ")",
                    "executor.buildUrl", v.apply("GITHUB_SERVER_URL") + "/" + v.apply("GITHUB_REPOSITORY") + "/actions/runs/" + v.apply("GITHUB_RUN_ID"),
                    "executor.buildOrder", v.apply("GITHUB_RUN_NUMBER"));
        }
        if (variables.containsKey("CI_PIPELINE_URL")) {
            executor = ordered("executor.name", "GitLab CI", "executor.type", "gitlab",
                    "executor.buildName", "pipeline " + v.apply("CI_PIPELINE_ID") + " (" + env + ")",
                    "executor.buildUrl", v.apply("CI_PIPELINE_URL"), "executor.buildOrder", v.apply("CI_PIPELINE_IID"));
        }
        if (variables.containsKey("BUILD_URL")) {
            executor = ordered("executor.name", "Jenkins", "executor.type", "jenkins",
                    "executor.buildName", v.apply("JOB_NAME") + " #" + v.apply("BUILD_NUMBER") + " (" + env + ")",
                    "executor.buildUrl", v.apply("BUILD_URL"), "executor.buildOrder", v.apply("BUILD_NUMBER"));
        }
        return executor;
    }

    /**
     * The checks failsafe would run: {@link Systems#checkClasses()}, found in the class path (the jar), filtered by
     * the tag expression. Selected class by class in name order, so that the console groups them by system (a package
     * selector would run them in the jar's entry order).
     */
    static LauncherDiscoveryRequest request(Map<String, String> configuration) {
        List<ClassSelector> checkClasses = Systems.checkClasses().stream()
                .sorted(Comparator.comparing(Class::getName))
                .map(DiscoverySelectors::selectClass)
                .toList();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(checkClasses)
                .configurationParameters(JUNIT_CONFIGURATION)
                .configurationParameters(configuration);
        String checks = configuration.get("checks");
        if (checks != null && !checks.isBlank()) {
            request.filters(TagFilter.includeTags(checks.trim()));
        }
        return request.build();
    }

    /**
     * Runs the checks. The run's own listeners (Allure's, the progress lines) come from the class path, as in
     * failsafe. Whatever goes wrong here, the verdict gate still runs: it settles an unfinished run as inconclusive.
     */
    private static void runChecks(Map<String, String> configuration, PrintStream out) {
        try {
            LauncherFactory.create().execute(request(configuration));
        } catch (RuntimeException | LinkageError e) {
            out.println("[deploy-verify] the checks could not run: " + e);
        }
    }

    /** The jar (or, run from the build, target/classes). */
    private static Path codeLocation() {
        try {
            return Path.of(Verifier.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
