package dev.deployverify.selftest.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingCheck;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.run.RunStart;
import dev.deployverify.evidence.VerdictGate;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Issue "Evidence you can sign", item 1: one run, one verdict. However a run ends (its environment does not load, no
 * check runs, it is interrupted, or the verdict.json found is another run's), what is left says inconclusive with the
 * reason and carries this run's id; the previous run's pass, sheets and report are gone.
 */
class RunEndingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_ID = "20261204T120000Z-test";

    @TempDir
    Path reports;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Map<String, String> configuration = new HashMap<>();

    /** What an earlier, passing run left in the same reports directory (a persistent CI workspace). */
    @BeforeEach
    void anEarlierRunPassedHere() throws IOException {
        Files.writeString(reports.resolve("verdict.json"), """
                {"runId": "20261203T090000Z-0001", "stage": "finished", "verdict": "pass", "reason": "every check that ran passed",
                 "counts": {"total": 13, "passed": 13, "failed": 0, "skipped": 0, "inconclusive": 0}}""");
        Files.createDirectories(reports.resolve("sign-off"));
        Files.writeString(reports.resolve("sign-off/index.md"), "Verdict: **pass**");
        Files.createDirectories(reports.resolve("allure-report"));
        Files.writeString(reports.resolve("allure-report/index.html"), "<html>the earlier run's report</html>");
        configuration.put("basedir", System.getProperty("basedir", Path.of("").toAbsolutePath().toString()));
        configuration.put("reports.dir", reports.toString());
        configuration.put("run.id", RUN_ID);
        configuration.put("run.verifying", "true");
    }

    @Test
    void anEnvironmentThatDoesNotLoadEndsTheRunInconclusiveAndRemovesTheEarlierPass() throws IOException {
        configuration.put("env", "no-such-environment");

        int exit = RunStart.run(configuration::get, printer());

        assertThat(exit).isEqualTo(2);
        JsonNode verdict = verdict();
        assertThat(verdict.path("runId").asText()).isEqualTo(RUN_ID);
        assertThat(verdict.path("verdict").asText()).isEqualTo("inconclusive");
        assertThat(verdict.path("reason").asText()).startsWith("the run could not start, so no check ran: environment 'no-such-environment' not found");
        assertThat(reports.resolve("sign-off")).doesNotExist();
        assertThat(reports.resolve("allure-report")).doesNotExist();
        assertThat(lines()).last().asString().startsWith("[deploy-verify] verdict: INCONCLUSIVE (the run could not start");
    }

    @Test
    void aMisspeltReferenceFaultEndsTheRunBeforeAnyCheck() throws IOException {
        configuration.put("env", "local");
        configuration.put("reference.faults", "ywmessaging.helth-degraded");

        assertThat(RunStart.run(configuration::get, printer())).isEqualTo(2);

        assertThat(verdict().path("runId").asText()).isEqualTo(RUN_ID);
        assertThat(verdict().path("reason").asText())
                .startsWith("the run could not start, so no check ran: unknown reference fault ywmessaging.helth-degraded; known: ");
    }

    /** Only the selected systems' stand-ins start: a fault of another one could break nothing, and would pass. */
    @Test
    void aReferenceFaultOfASystemTheRunDoesNotSelectEndsTheRunBeforeAnyCheck() throws IOException {
        configuration.put("env", "local");
        configuration.put("checks", "smoke & ywmessaging");
        configuration.put("reference.faults", "dawg.health-down");

        assertThat(RunStart.run(configuration::get, printer())).isEqualTo(2);

        assertThat(verdict().path("reason").asText()).isEqualTo("the run could not start, so no check ran: "
                + "reference.faults dawg.health-down belong to systems that -Dchecks=\"smoke & ywmessaging\" does not select");
    }

    @Test
    void aRunInWhichNoCheckRanIsInconclusive() throws IOException {
        configuration.put("env", "local");
        assertThat(RunStart.run(configuration::get, printer())).as("start: %s", console).isZero();
        assertThat(verdict().path("verdict").asText()).as("verdict.json while the run has not finished").isEqualTo("inconclusive");
        assertThat(reports.resolve("sign-off")).doesNotExist();
        assertThat(reports.resolve("allure-report")).doesNotExist();

        int exit = VerdictGate.run(configuration::get, printer()); // no check ran in between

        assertThat(exit).isEqualTo(2);
        assertThat(verdict().path("runId").asText()).isEqualTo(RUN_ID);
        assertThat(verdict().path("stage").asText()).isEqualTo("finished");
        assertThat(verdict().path("reason").asText()).startsWith("no check ran");
        assertThat(lines()).last().asString().startsWith("[deploy-verify] verdict: INCONCLUSIVE (no check ran");
    }

    @Test
    void aVerdictOfAnotherRunIsNeverReadAsThisRunsVerdict() throws IOException {
        int exit = VerdictGate.run(configuration::get, printer()); // this run wrote no verdict; an earlier one did

        assertThat(exit).isEqualTo(2);
        assertThat(verdict().path("runId").asText()).isEqualTo(RUN_ID);
        assertThat(verdict().path("verdict").asText()).isEqualTo("inconclusive");
        assertThat(verdict().path("reason").asText()).contains("no verdict of run " + RUN_ID + " was written")
                .contains("20261203T090000Z-0001");
    }

    @Test
    void checksRunWithoutTheStartStepStillReplaceTheEarlierVerdictAndSheets() throws IOException {
        CheckRun.againstReference().with("reports.dir", reports.toString()).with("run.id", RUN_ID).run(YwMessagingChecks.HEALTH);

        assertThat(verdict().path("runId").asText()).isEqualTo(RUN_ID);
        assertThat(verdict().path("stage").asText()).isEqualTo("finished");
        assertThat(Files.readString(reports.resolve("sign-off/index.md"))).contains("run " + RUN_ID);
    }

    /** Ctrl-C, a cancelled CI job, a stopped pod: the test JVM gets SIGTERM in the middle of the checks. */
    @Test
    void anInterruptedRunLeavesAnInconclusiveVerdictOfItsOwn() throws Exception {
        Path started = reports.resolve("check-started");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        configuration.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-Denv=local", "-Dchecks=", "-Dallure.results.directory=" + reports.resolve("allure-results"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dinterrupted.marker=" + started,
                ChecksInAnotherJvm.class.getName()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(reports.resolve("child.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started) || !run.isAlive());
            assertThat(run.isAlive()).as("the run is still checking (log: %s)", log()).isTrue();
            assertThat(verdict().path("stage").asText()).isEqualTo("checking");

            run.destroy(); // SIGTERM
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("the run stops").isTrue();
        } finally {
            run.destroyForcibly();
        }

        JsonNode verdict = verdict();
        assertThat(verdict.path("runId").asText()).isEqualTo(RUN_ID);
        assertThat(verdict.path("stage").asText()).isEqualTo("finished");
        assertThat(verdict.path("verdict").asText()).as("log: %s", log()).isEqualTo("inconclusive");
        assertThat(verdict.path("reason").asText()).startsWith("the run was interrupted after 1 checks had finished");
        assertThat(verdict.path("counts").path("passed").asInt()).isEqualTo(1);
    }

    /** The checks of the interrupted run: one passes, the next waits until the run is stopped. */
    @YwMessagingCheck
    @DisplayName("A run that is interrupted")
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class InterruptedChecks {
        @SmokeCheck
        @org.junit.jupiter.api.Order(1)
        @Verifies("YW-10.2")
        @DisplayName("Database connection successful")
        void passes() {
        }

        @SmokeCheck
        @org.junit.jupiter.api.Order(2)
        @Verifies("YW-10.3")
        @DisplayName("Redis connection successful")
        void waitsToBeInterrupted() throws Exception {
            Files.writeString(Path.of(System.getProperty("interrupted.marker")), "started");
            Thread.sleep(120_000);
        }
    }

    /** Runs {@link InterruptedChecks} through the JUnit Platform launcher, as failsafe does, in its own JVM. */
    public static final class ChecksInAnotherJvm {
        public static void main(String[] args) {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(InterruptedChecks.class)).build());
        }
    }

    private JsonNode verdict() throws IOException {
        return JSON.readTree(reports.resolve("verdict.json").toFile());
    }

    private String log() throws IOException {
        Path log = reports.resolve("child.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private PrintStream printer() {
        return new PrintStream(console, true, StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
