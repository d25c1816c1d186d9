package dev.deployverify.selftest.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs checks the way failsafe does, and keeps what a person at the console would see: in a JVM of their own, through
 * a real JUnit Platform {@link Launcher} with the auto-registered listeners (Allure's {@code AllureJunitPlatform} and
 * the suite's progress line among them), allure-jupiter's extension auto-detected, an {@code allure.results.directory},
 * failsafe's configuration parameters and logging properties read from pom.xml, and the same JVM options (the
 * AspectJ agent). Everything that JVM prints (standard
 * output, standard error, slf4j-simple, java.util.logging) is the console. The suite's own JVM cannot stand in for it:
 * surefire switches Allure's logger off there, and a logger's level is fixed when its class is first loaded.
 */
public final class LauncherRun {

    private static final Path POM = Path.of(System.getProperty("basedir", ".")).resolve("pom.xml");

    /** The JUnit configuration failsafe passes (pom.xml, maven-failsafe-plugin's configurationParameters). */
    static Map<String, String> failsafeParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        failsafeConfiguration().map(c -> child(c, "properties")).map(p -> child(p, "configurationParameters"))
                .ifPresent(text -> text.getTextContent().lines().map(String::strip).filter(line -> line.contains("="))
                        .forEach(line -> parameters.put(line.substring(0, line.indexOf('=')).strip(),
                                line.substring(line.indexOf('=') + 1).strip())));
        return parameters;
    }

    /** Failsafe's systemPropertyVariables for logging (pom.xml): the console's loggers as failsafe sets them. */
    static Map<String, String> failsafeLoggingProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        failsafeConfiguration().map(c -> child(c, "systemPropertyVariables")).ifPresent(variables -> {
            NodeList nodes = variables.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element variable && variable.getTagName().startsWith("org.slf4j.")) {
                    properties.put(variable.getTagName(), variable.getTextContent().strip());
                }
            }
        });
        return properties;
    }

    /** The build's maven-failsafe-plugin configuration (not a profile's). */
    private static Optional<Element> failsafeConfiguration() {
        try {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
            Element build = child(pom.getDocumentElement(), "build");
            Element plugins = build == null ? null : child(build, "plugins");
            NodeList list = plugins == null ? null : plugins.getElementsByTagName("plugin");
            for (int i = 0; list != null && i < list.getLength(); i++) {
                Element plugin = (Element) list.item(i);
                Element artifact = child(plugin, "artifactId");
                if (artifact != null && artifact.getTextContent().strip().equals("maven-failsafe-plugin")) {
                    return Optional.ofNullable(child(plugin, "configuration"));
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new AssertionError("cannot read failsafe's configuration from " + POM, e);
        }
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static final Duration BOUND = Duration.ofMinutes(5);

    private LauncherRun() {
    }

    /**
     * Check JVMs running at once. Each takes about a core while it starts and runs its checks: with the suite's own
     * tests in parallel, more than two at once on a two-core machine only slow each other and the tests beside them
     * down (a run of checks against loopback stand-ins is timing-sensitive). A run waiting for its turn waits in a way
     * JUnit's thread pool knows of, so another thread goes on with other tests meanwhile.
     */
    private static final Semaphore CHECK_JVMS = new Semaphore(Integer.getInteger("selftest.checkJvms", 2), true);

    /**
     * What the run found, everything its JVM printed, line by line, and how long that JVM ran (from its start to its
     * exit, not counting the wait for its turn).
     */
    public record Result(CheckRun.Outcome outcome, List<String> console, Duration took) {

        /** The console as one text, for assertion messages. */
        public String consoleText() {
            return String.join("\n", console);
        }
    }

    /** Runs the classes in a JVM of their own with these configuration parameters (as -D, the way failsafe passes them). */
    static Result run(Map<String, String> configuration, Class<?>... checkClasses) {
        return run(configuration, Map.of(), checkClasses);
    }

    /**
     * As {@link #run(Map, Class[])}, with these variables added to the JVM's process environment: where a CI gives
     * a real deployment's secrets to the run (an environment file's {@code ${VARIABLE}} placeholders).
     */
    static Result run(Map<String, String> configuration, Map<String, String> environmentVariables, Class<?>... checkClasses) {
        try {
            Path dir = Files.createTempDirectory("launcher-run");
            Path outcomeFile = dir.resolve("outcome.tsv");
            Path consoleFile = dir.resolve("console.txt");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The JIT and class-data options the suite's JVM was started with (selftest.argLine in the pom).
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(arg -> arg.startsWith("-XX:TieredStopAtLevel") || arg.startsWith("-Xshare"))
                    .forEach(command::add);
            command.add("-cp");
            command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            Map<String, String> properties = new LinkedHashMap<>(configuration);
            properties.putIfAbsent("allure.results.directory", dir.resolve("allure-results").toString());
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            failsafeLoggingProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add(LauncherRun.class.getName());
            command.add(outcomeFile.toString());
            Arrays.stream(checkClasses).map(Class::getName).forEach(command::add);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(consoleFile.toFile());
            builder.environment().putAll(environmentVariables);
            Duration took;
            Process process;
            awaitTurn();
            try {
                long start = System.nanoTime();
                process = builder.start();
                if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("the check JVM did not finish within " + BOUND.toSeconds() + " s; it printed:\n"
                            + Files.readString(consoleFile));
                }
                took = Duration.ofNanos(System.nanoTime() - start);
            } finally {
                CHECK_JVMS.release();
            }
            List<String> console = Files.readAllLines(consoleFile, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || !Files.exists(outcomeFile)) {
                throw new AssertionError("the check JVM exited with " + process.exitValue() + "; it printed:\n"
                        + String.join("\n", console));
            }
            CheckRun.Outcome outcome = CheckRun.Outcome.of(Files.readAllLines(outcomeFile, StandardCharsets.UTF_8).stream()
                    .map(CheckRun.Event::parse).toList());
            return new Result(outcome, console, took);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the checks ran", e);
        }
    }

    /** Waits for a free {@link #CHECK_JVMS} permit, as a {@link ForkJoinPool.ManagedBlocker} (JUnit's workers are). */
    private static void awaitTurn() throws InterruptedException {
        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
            private boolean acquired;

            @Override
            public boolean block() throws InterruptedException {
                if (!acquired) {
                    CHECK_JVMS.acquire();
                    acquired = true;
                }
                return true;
            }

            @Override
            public boolean isReleasable() {
                return acquired || (acquired = CHECK_JVMS.tryAcquire());
            }
        });
    }

    /** The check JVM: args are the outcome file, then the check classes. */
    public static void main(String[] args) throws Exception {
        Path outcomeFile = Path.of(args[0]);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(args).skip(1).map(DiscoverySelectors::selectClass).toList())
                .configurationParameters(failsafeParameters())
                .build();
        List<CheckRun.Event> events = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier identifier, String reason) {
                events.add(new CheckRun.Event(CheckRun.Event.Kind.SKIPPED, identifier.getDisplayName(), reason));
            }

            @Override
            public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                CheckRun.Event.Kind kind = switch (result.getStatus()) {
                    case SUCCESSFUL -> identifier.isTest() ? CheckRun.Event.Kind.PASSED : null;
                    case ABORTED -> CheckRun.Event.Kind.ABORTED;
                    case FAILED -> CheckRun.Event.Kind.FAILED;
                };
                if (kind != null) {
                    events.add(new CheckRun.Event(kind, identifier.getDisplayName(), CheckRun.Event.message(result)));
                }
            }
        });
        Files.write(outcomeFile, events.stream().map(CheckRun.Event::format).toList(), StandardCharsets.UTF_8);
        // Threads a hostile target left behind (a socket.io client mid-handshake) must not keep this JVM up.
        System.exit(0);
    }
}
