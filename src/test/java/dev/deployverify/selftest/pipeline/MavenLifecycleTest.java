package dev.deployverify.selftest.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Real deployments", item 1: {@code mvn verify} verifies, {@code mvn test} tests the suite. The people who
 * run the suite right after a deploy must not wait minutes for its own tests before the first check. Runs Maven
 * (offline, the build is already compiled) as far as the checks, with no check selected, and reads what surefire did.
 */
@Execution(ExecutionMode.SAME_THREAD) // one nested Maven at a time: they build (and package into) the same target/
class MavenLifecycleTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @TempDir
    Path reports;

    @Test
    void aRunAsFarAsTheChecksLeavesTheSuitesOwnTestsOut() throws Exception {
        String surefire = surefireSection(maven("integration-test"));

        assertThat(surefire).as("what surefire did in `mvn integration-test`").contains("Tests are skipped.");
    }

    @Test
    void anExplicitSelftestSkipFalseRunsThemInVerifyToo() throws Exception {
        String surefire = surefireSection(maven("integration-test", "-Dselftest.skip=false"));

        assertThat(surefire).as("what surefire did with -Dselftest.skip=false").doesNotContain("Tests are skipped.");
    }

    /**
     * Issue "Evidence you can sign", item 5: a run that ends inconclusive (here, its environment does not load) ends
     * with the verdict as the last line and the verdict's exit code, with no Maven "BUILD FAILURE ... re-run with -e".
     */
    @Test
    void aRunThatDoesNotPassEndsWithTheVerdictAndItsExitCode() throws Exception {
        List<String> command = List.of("mvn", "-o", "-B", "-ntp", "verify", "-Denv=no-such-environment",
                "-Dreports.dir=" + reports, "-Dtest=NoTestHasThisName", "-Dsurefire.failIfNoSpecifiedTests=false");
        Process maven = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(reports.resolve("maven.log").toFile()).start();
        assertThat(maven.waitFor(180, TimeUnit.SECONDS)).as("nested Maven finished within 180 s").isTrue();
        String log = Files.readString(reports.resolve("maven.log"));
        List<String> lines = log.lines().map(l -> l.replaceAll("\u001B\\[[0-9;]*m", "")).filter(line -> !line.isBlank()).toList();

        assertThat(maven.exitValue()).as("exit code of an inconclusive run:%n%s", log).isEqualTo(2);
        assertThat(lines.get(lines.size() - 1)).startsWith("[deploy-verify] verdict: INCONCLUSIVE (the run could not start");
        assertThat(log).doesNotContain("BUILD FAILURE").doesNotContain("Failed to execute goal").doesNotContain("re-run Maven");
    }

    private String maven(String phase, String... extra) throws IOException, InterruptedException {
        Path env = reports.resolve("lifecycle.yaml");
        Files.writeString(env, "systems:\n  dawg:\n    baseUrl: http://127.0.0.1:9\n");
        List<String> command = new ArrayList<>(List.of("mvn", "-o", "-B", "-ntp", phase,
                "-Denv.file=" + env, "-Denv=lifecycle", "-Dchecks=none()", "-Dreports.dir=" + reports,
                // Guard: should surefire run after all, it must find nothing rather than recurse into this suite.
                "-Dtest=NoTestHasThisName", "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dfailsafe.failIfNoSpecifiedTests=false", "-DskipITs=true"));
        command.addAll(List.of(extra));
        Process maven = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(reports.resolve("maven.log").toFile()).start();
        assertThat(maven.waitFor(180, TimeUnit.SECONDS)).as("nested Maven finished within 180 s").isTrue();
        return Files.readString(reports.resolve("maven.log"));
    }

    /** The lines surefire logged: from its plugin line to the next plugin's. */
    private static String surefireSection(String log) {
        int start = log.indexOf("--- maven-surefire-plugin");
        assertThat(start).as("surefire in the log:%n%s", log).isNotNegative();
        int end = log.indexOf("--- ", log.indexOf('\n', start));
        return log.substring(start, end < 0 ? log.length() : end);
    }
}
