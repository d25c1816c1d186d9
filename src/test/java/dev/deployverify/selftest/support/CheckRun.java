package dev.deployverify.selftest.support;

import java.util.Set;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.io.IOException;
import dev.deployverify.reference.RunningReference;
import dev.deployverify.reference.ReferenceDeployments;
import dev.deployverify.reference.ReferenceDeployment;
import dev.deployverify.systems.Systems;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs checks in-process, the way {@code mvn verify} would, against an environment of the test's choosing: by
 * default the reference deployment with the given faults switched on (each run starts its own). The outcome is
 * keyed by the checks' display names, which are the checklist's wording.
 */
public final class CheckRun {

    private final Map<String, String> configuration = new LinkedHashMap<>();
    /** Process environment of a run in a JVM of its own ({@link #runThroughLauncher}): the variables CI would set. */
    private final Map<String, String> environmentVariables = new LinkedHashMap<>();

    private CheckRun() {
        configuration.put("basedir", System.getProperty("basedir", Path.of("").toAbsolutePath().toString()));
        configuration.put("env", "local");
        // Every check given to run() is selected: a -Dchecks passed to `mvn test` must not narrow the environment.
        configuration.put("checks", "");
    }

    /** The reference deployment with these faults on (none: the healthy reference). */
    public static CheckRun againstReference(String... faults) {
        CheckRun run = new CheckRun();
        run.configuration.put("reference.faults", String.join(",", faults));
        return run;
    }

    /**
     * The reference deployment the test started and keeps, to read what it published or counted: the run starts
     * none of its own (see {@link RunningReference}).
     */
    public static CheckRun against(ReferenceDeployment running) {
        return new CheckRun().withRunningReference(running);
    }

    /** Starts the reference deployment with these faults on; the test owns it and closes it. */
    public static ReferenceDeployment startReference(String... faults) {
        return new ReferenceDeployments().start(Set.copyOf(Systems.names()), Set.of(faults));
    }

    /** Resolves {@code ${reference.*}} from a reference deployment the test started, instead of starting one. */
    public CheckRun withRunningReference(ReferenceDeployment running) {
        try {
            Path file = Files.createTempFile("deploy-verify-reference-", ".properties");
            file.toFile().deleteOnExit();
            configuration.put("reference.running", RunningReference.write(running.variables(), file).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An environment file of the test's own (e.g. pointing at a hostile server on loopback). */
    public static CheckRun againstEnvironmentFile(Path file, String... referenceFaults) {
        CheckRun run = new CheckRun();
        run.configuration.put("env.file", file.toString());
        run.configuration.remove("env");
        run.configuration.put("reference.faults", String.join(",", referenceFaults));
        return run;
    }

    /**
     * A variable of the process environment of a run in a JVM of its own ({@link #runThroughLauncher}), as a CI sets
     * a deployment's secrets for the environment file's {@code ${NAME}} placeholders.
     */
    public CheckRun withEnvironmentVariable(String name, String value) {
        environmentVariables.put(name, value);
        return this;
    }

    public CheckRun with(String key, String value) {
        configuration.put(key, value);
        return this;
    }

    /**
     * Runs these check classes in this JVM. A run that writes no evidence, and whose test chose no {@code checks}
     * selection, selects their systems, as {@code -Dchecks=<system>} would: only those systems' stand-ins start, a
     * second less per run. A run that writes evidence keeps "every check", which its test reads back.
     */
    public Outcome run(Class<?>... checkClasses) {
        Map<String, String> parameters = new LinkedHashMap<>(configuration);
        List<String> systems = Arrays.stream(checkClasses).map(CheckRun::systemOf).distinct().toList();
        if (parameters.get("checks").isEmpty() && !parameters.containsKey("reports.dir") && !systems.contains(null)) {
            parameters.put("checks", String.join(" | ", systems));
        }
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(parameters)
                .selectors(Arrays.stream(checkClasses).map(DiscoverySelectors::selectClass).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
        return new Outcome(results);
    }

    /**
     * As {@link #run}, but the way failsafe runs them: in a JVM of its own through a real JUnit Platform launcher with
     * the auto-registered listeners (Allure's among them), keeping everything that JVM printed. See {@link LauncherRun}.
     */
    public LauncherRun.Result runThroughLauncher(Class<?>... checkClasses) {
        return LauncherRun.run(configuration, environmentVariables, checkClasses);
    }

    /**
     * The system whose package holds this check class ({@code dev.deployverify.systems.<system>.checks}), or null for
     * a test's own fixture.
     */
    private static String systemOf(Class<?> checkClass) {
        String[] packages = checkClass.getPackageName().split("\\.");
        String system = packages.length == 5 && checkClass.getPackageName().startsWith(Systems.PACKAGE + ".")
                && packages[4].equals("checks") ? packages[3] : null;
        return Systems.names().contains(system) ? system : null;
    }

    /** Every check of every system, as {@code mvn verify} runs them (the classes named *Checks under checks/). */
    public Outcome runEveryCheck() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .selectors(DiscoverySelectors.selectPackage(Systems.PACKAGE))
                .filters(ClassNameFilter.includeClassNamePatterns(Systems.CHECK_CLASSES))
                .execute();
        return new Outcome(results);
    }

    /** One thing that happened to a check or a container, as an {@link Outcome} is built from. */
    public record Event(Kind kind, String name, String message) {

        public enum Kind { PASSED, FAILED, ABORTED, SKIPPED }

        /** "SimpleName: message" of the result's throwable, or "(no message)". */
        static String message(TestExecutionResult result) {
            return result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("(no message)");
        }

        /** One line: kind, name and message separated by tabs (escaped inside them). */
        String format() {
            return kind + "\t" + escape(name) + "\t" + escape(message);
        }

        static Event parse(String line) {
            String[] parts = line.split("\t", 3);
            return new Event(Kind.valueOf(parts[0]), unescape(parts[1]), unescape(parts[2]));
        }

        private static String escape(String text) {
            return String.valueOf(text).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        private static String unescape(String text) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    out.append(switch (next) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        default -> next;
                    });
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    /** What happened to each check (and each container that failed as a whole). */
    public static final class Outcome {
        private final Map<String, String> failed = new TreeMap<>();
        private final Map<String, String> skipped = new TreeMap<>();
        private final List<String> passed;

        Outcome(EngineExecutionResults results) {
            this(events(results));
        }

        private Outcome(List<Event> events) {
            events.forEach(e -> {
                switch (e.kind()) {
                    case FAILED -> failed.put(e.name(), e.message());
                    case ABORTED, SKIPPED -> skipped.put(e.name(), e.message());
                    case PASSED -> { }
                }
            });
            passed = events.stream().filter(e -> e.kind() == Event.Kind.PASSED).map(Event::name).sorted().toList();
        }

        static Outcome of(List<Event> events) {
            return new Outcome(events);
        }

        private static List<Event> events(EngineExecutionResults results) {
            List<Event> events = new java.util.ArrayList<>();
            results.allEvents().stream()
                    .filter(e -> e.getType() == EventType.FINISHED)
                    .forEach(e -> {
                        TestExecutionResult result = e.getPayload(TestExecutionResult.class).orElse(TestExecutionResult.successful());
                        String name = e.getTestDescriptor().getDisplayName();
                        if (result.getStatus() == Status.FAILED) {
                            events.add(new Event(Event.Kind.FAILED, name, Event.message(result)));
                        } else if (result.getStatus() == Status.ABORTED) {
                            events.add(new Event(Event.Kind.ABORTED, name, Event.message(result)));
                        }
                    });
            results.allEvents().stream().filter(e -> e.getType() == EventType.SKIPPED)
                    .forEach(e -> events.add(new Event(Event.Kind.SKIPPED, e.getTestDescriptor().getDisplayName(),
                            e.getPayload(String.class).orElse(""))));
            results.testEvents().succeeded().stream()
                    .forEach(e -> events.add(new Event(Event.Kind.PASSED, e.getTestDescriptor().getDisplayName(), "")));
            return events;
        }

        /** Display name -> failure message, for checks (and containers) that did not succeed. */
        public Map<String, String> failed() {
            return failed;
        }

        /** Display name -> reason. */
        public Map<String, String> skipped() {
            return skipped;
        }

        public List<String> passed() {
            return passed;
        }

        /**
         * Exactly the expected checks went red with the fault: as many red checks as expected names, each red check
         * named by one of them (a part of its display name); and every failure message is clear.
         */
        public void assertExactlyRed(String fault, List<String> expectedRed) {
            assertThat(failed.keySet())
                    .as("checks red with fault %s (%s)", fault, this)
                    .hasSameSizeAs(expectedRed)
                    .allSatisfy(red -> assertThat(expectedRed).anySatisfy(expected -> assertThat(red).contains(expected)));
            assertFailureMessagesAreClear();
        }

        /** Each failure message names its checklist item and what was expected, and carries no password. */
        public void assertFailureMessagesAreClear() {
            failed.forEach((check, message) -> {
                assertThat(message).as("failure message of '%s' names the checklist item", check).contains(check);
                assertThat(message).as("failure message of '%s' says what was expected", check).containsIgnoringCase("expect");
                assertThat(message).as("failure message of '%s' carries no password", check).doesNotContainPattern("password=[0-9a-f]{32}");
            });
        }

        @Override
        public String toString() {
            return "failed " + failed.keySet() + ", skipped " + skipped + ", passed " + passed.size();
        }
    }
}
