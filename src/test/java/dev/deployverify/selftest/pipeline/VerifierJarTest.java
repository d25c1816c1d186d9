package dev.deployverify.selftest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.cli.Verifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "One system, one unit", "Checks are product code": the verifier jar's main ({@link Verifier}) makes the run
 * {@code mvn verify} makes, without Maven. Runs the main in a JVM of its own, from the project folder as a person
 * would, on the build's runtime class path (target/classes and the dependencies, not the suite's tests), so it runs
 * under {@code mvn test}, before the jar is packaged; the packaged jar itself is run too when it is there and no
 * older than the classes. Smoke checks only: the reference deployment, a fault, a bad environment.
 */
class VerifierJarTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final long BOUND_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    @Test
    void aSmokeRunAgainstTheReferencePassesWithExitZeroAndLeavesTheEvidence() throws Exception {
        Run run = verifier(mainOnClassPath(), "--checks", "smoke", "--reports-dir", reports.toString(),
                "--run-id", "selftest-jar-pass");

        assertThat(run.exit()).as("exit code of a passing smoke run:%n%s", run.console()).isZero();
        assertThat(run.lastLine()).startsWith("[deploy-verify] verdict: PASS");
        JsonNode verdict = JSON.readTree(reports.resolve("verdict.json").toFile());
        assertThat(verdict.path("runId").asText()).isEqualTo("selftest-jar-pass");
        assertThat(verdict.path("verdict").asText()).isEqualTo("pass");
        assertThat(verdict.path("selection").path("checks").asText()).isEqualTo("smoke");
        assertThat(verdict.path("counts").path("passed").asInt()).as("smoke checks passed").isPositive();
        assertThat(reports.resolve("sign-off/index.html")).exists();
        // The Allure command line is found where Maven unpacks it (target/allure/, next to target/classes).
        assertThat(reports.resolve("allure-report/index.html")).as("the Allure report").exists();
        assertThat(run.console()).contains("[deploy-verify] run selftest-jar-pass: environment 'local'");
    }

    /**
     * One system's smoke checks (the fault is in YWMessaging; the other systems' smoke checks are proven by the
     * passing run), and no Allure command line: the verdict and sign-off are still written, the report skipped in
     * one line.
     */
    @Test
    void aReferenceFaultFailsTheRunWithExitOneAndNoAllureMeansNoReportButAVerdict() throws Exception {
        Path noAllure = Files.createDirectories(reports.resolve("no-allure-here"));
        Path evidence = reports.resolve("evidence");
        Run run = verifier(mainOnClassPath(), "--checks", "smoke & ywmessaging", "--reference-faults",
                "ywmessaging.health-down", "--reports-dir", evidence.toString(), "--allure-home", noAllure.toString());

        assertThat(run.exit()).as("exit code of a failing run:%n%s", run.console()).isEqualTo(1);
        assertThat(run.lastLine()).startsWith("[deploy-verify] verdict: FAIL");
        assertThat(JSON.readTree(evidence.resolve("verdict.json").toFile()).path("verdict").asText()).isEqualTo("fail");
        assertThat(evidence.resolve("sign-off/ywmessaging.html")).exists();
        assertThat(evidence.resolve("allure-report")).doesNotExist();
        assertThat(run.console()).contains("[deploy-verify] --allure-home " + noAllure + " is not an Allure command line")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownEnvironmentIsOneLineAndExitTwo() throws Exception {
        Run run = verifier(mainOnClassPath(), "--env", "no-such-environment", "--checks", "smoke",
                "--reports-dir", reports.toString());

        assertThat(run.exit()).as("exit code of a run that cannot start:%n%s", run.console()).isEqualTo(2);
        assertThat(run.lines().get(0)).startsWith("[deploy-verify] environment 'no-such-environment' not found")
                .contains("known environments: local");
        assertThat(run.lastLine()).startsWith("[deploy-verify] verdict: INCONCLUSIVE (the run could not start");
        assertThat(run.console()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMistypedOptionIsOneLineAndExitTwo() throws Exception {
        Run run = verifier(mainOnClassPath(), "-Dchecks=smoke");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.lines()).containsExactly("[deploy-verify] unknown option -Dchecks (did you mean --checks?)");
    }

    /** The packaged jar (mvn package): the checks, systems and listeners are found inside it, not only in target/classes. */
    @Test
    void thePackagedJarRunsTheChecksFromInsideItself() throws Exception {
        Optional<Path> jar = packagedJar();
        Assumptions.assumeTrue(jar.isPresent(), "no verifier jar in target/ as new as target/classes: it is built by"
                + " `mvn package`, after the tests; the main is proven on the class path above");

        Run run = verifier(List.of("-jar", jar.get().toString()), "--checks", "smoke & wcagaii",
                "--reports-dir", reports.toString());

        assertThat(run.exit()).as("exit code of the packaged jar:%n%s", run.console()).isZero();
        assertThat(run.console()).contains("[deploy-verify] WCAGAII: health ");
        assertThat(run.lastLine()).startsWith("[deploy-verify] verdict: PASS");
        assertThat(JSON.readTree(reports.resolve("verdict.json").toFile()).path("counts").path("passed").asInt()).isPositive();
    }

    /** The jar runs the checks as failsafe does: the same classes, JUnit configuration and logging (pom.xml). */
    @Test
    void theMainRunsTheChecksWithFailsafesConfiguration() throws Exception {
        Element failsafe = failsafeConfiguration();

        assertThat(text(failsafe, "includes")).as("failsafe's includes (the verifier runs Systems.checkClasses(), which"
                + " says the same)").isEqualTo("**/systems/*/checks/*Checks.java");

        Map<String, String> parameters = new LinkedHashMap<>();
        text(child(failsafe, "properties"), "configurationParameters").lines().map(String::strip)
                .filter(line -> line.contains("="))
                .forEach(line -> parameters.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip()));
        assertThat(Verifier.JUNIT_CONFIGURATION).as("Verifier.JUNIT_CONFIGURATION vs failsafe's configurationParameters")
                .containsExactlyInAnyOrderEntriesOf(parameters);

        Map<String, String> variables = new LinkedHashMap<>();
        NodeList nodes = child(failsafe, "systemPropertyVariables").getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element variable) {
                variables.put(variable.getTagName(), variable.getTextContent().strip());
            }
        }
        Map<String, String> logging = variables.entrySet().stream().filter(e -> e.getKey().startsWith("org.slf4j."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(Verifier.LOGGING).as("Verifier.LOGGING vs failsafe's logging properties").containsExactlyInAnyOrderEntriesOf(logging);
        Map<String, String> configuration = Verifier.configuration(new String[0], Map.of(), PROJECT);
        assertThat(configuration.keySet()).as("what the main sets vs failsafe's systemPropertyVariables")
                .containsAll(variables.keySet().stream().filter(key -> !key.startsWith("org.slf4j.")).toList());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Run(int exit, String console) {

        List<String> lines() {
            return console.lines().filter(line -> !line.isBlank()).toList();
        }

        String lastLine() {
            List<String> lines = lines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /** The main on the build's runtime class path: target/classes and the dependencies, without the suite's tests. */
    private static List<String> mainOnClassPath() {
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        return List.of("-cp", classPath, Verifier.class.getName());
    }

    private Run verifier(List<String> launch, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only, as the suite's own tests run (selftest.argLine): smoke checks time nothing, and it halves the CPU.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(launch);
        command.addAll(List.of(args));
        Path console = Files.createTempFile(reports, "verifier", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        // As on a developer's machine: no CI variables (the executor widget), no Allure home from the environment.
        builder.environment().keySet().removeIf(key -> key.equals("ALLURE_HOME") || key.equals("GITHUB_ACTIONS")
                || key.equals("CI_PIPELINE_URL") || key.equals("BUILD_URL"));
        Process process = builder.start();
        if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the verifier did not finish within " + BOUND_SECONDS + " s; it printed:\n"
                    + Files.readString(console));
        }
        return new Run(process.exitValue(), Files.readString(console, StandardCharsets.UTF_8));
    }

    /** target/deploy-verify-*-verifier.jar, when it is at least as new as every compiled class. */
    private static Optional<Path> packagedJar() throws IOException {
        Path target = PROJECT.resolve("target");
        Path classes = target.resolve("classes");
        if (!Files.isDirectory(classes)) {
            return Optional.empty();
        }
        FileTime newestClass;
        try (Stream<Path> files = Files.walk(classes)) {
            newestClass = files.filter(Files::isRegularFile).map(VerifierJarTest::modified).max(FileTime::compareTo)
                    .orElse(FileTime.fromMillis(0));
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "deploy-verify-*-verifier.jar")) {
            for (Path jar : jars) {
                if (modified(jar).compareTo(newestClass) >= 0) {
                    return Optional.of(jar);
                }
            }
        }
        return Optional.empty();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Element failsafeConfiguration() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PROJECT.resolve("pom.xml").toFile());
        NodeList plugins = child(pom.getDocumentElement(), "build").getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            Element artifact = child(plugin, "artifactId");
            if (artifact != null && artifact.getTextContent().strip().equals("maven-failsafe-plugin")
                    && plugin.getParentNode().getParentNode() == child(pom.getDocumentElement(), "build")) {
                return child(plugin, "configuration");
            }
        }
        throw new AssertionError("no maven-failsafe-plugin in pom.xml's build");
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }
}
