package dev.deployverify.selftest.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.evidence.AllureEnvironment;
import dev.deployverify.evidence.VerdictGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report the verdict gate generates with the real Allure command line: trends that survive single-file runs
 * (issue "Evidence you can sign", item 4), categories by cause, a name that carries the verdict, and counts that
 * agree with verdict.json.
 */
class ReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Map<String, String> configuration = new HashMap<>();

    @BeforeEach
    void gateConfiguration() {
        String allureHome = System.getProperty("allure.home");
        assertThat(allureHome).as("allure.home (set by the pom: the Allure command line unpacked into target/)").isNotBlank();
        assertThat(Path.of(allureHome, "lib")).isDirectory();
        configuration.put("allure.home", allureHome);
        configuration.put("reports.dir", reports.toString());
    }

    @Test
    void threeConsecutiveSingleFileRunsGiveATrendOfThreePoints() throws IOException {
        configuration.put("allure.singleFile", "true");
        for (int run = 1; run <= 3; run++) {
            String runId = "run-" + run;
            aRunRecorded(runId, "", List.of("passed", "passed", run == 2 ? "failed" : "passed"));
            configuration.put("run.id", runId);

            int exit = VerdictGate.run(configuration::get, new PrintStream(console, true, StandardCharsets.UTF_8));

            assertThat(exit).as("run %d: %s", run, console).isEqualTo(run == 2 ? 1 : 0);
            assertThat(reports.resolve("allure-report/index.html")).isRegularFile();
            assertThat(reports.resolve("allure-report/app.js")).as("a single file, not a folder report").doesNotExist();
        }
        JsonNode trend = JSON.readTree(reports.resolve("history/every-check/history-trend.json").toFile());
        assertThat(trend).as("trend points after three single-file runs").hasSize(3);
        assertThat(trend.get(1).path("data").path("failed").asInt()).as("the second run, one back from the newest").isEqualTo(1);
        String report = Files.readString(reports.resolve("allure-report/index.html"));
        assertThat(report.length()).as("the whole report inlined").isGreaterThan(1_000_000);
    }

    @Test
    void aPartialRunKeepsItsOwnHistorySoItIsNotDrawnAgainstFullRuns() throws IOException {
        aRunRecorded("full", "", List.of("passed"));
        configuration.put("run.id", "full");
        VerdictGate.run(configuration::get, new PrintStream(console, true, StandardCharsets.UTF_8));
        aRunRecorded("smoke", "smoke & ywmessaging", List.of("passed"));
        configuration.put("run.id", "smoke");
        VerdictGate.run(configuration::get, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(JSON.readTree(reports.resolve("history/every-check/history-trend.json").toFile())).hasSize(1);
        assertThat(JSON.readTree(reports.resolve("history/smoke-and-ywmessaging/history-trend.json").toFile())).hasSize(1);
        JsonNode summary = JSON.readTree(reports.resolve("allure-report/widgets/summary.json").toFile());
        assertThat(summary.path("reportName").asText())
                .isEqualTo("PASS · local · partial: -Dchecks=\"smoke & ywmessaging\" · ywmessaging 1.2.3 · run smoke");
    }

    @Test
    void failuresAreGroupedByCause() throws IOException {
        aRunRecorded("causes", "", List.of("failed:availability", "failed:authentication", "failed:contract",
                "broken:inconclusive", "broken:broken", "passed"));
        configuration.put("run.id", "causes");

        VerdictGate.run(configuration::get, new PrintStream(console, true, StandardCharsets.UTF_8));

        JsonNode categories = JSON.readTree(reports.resolve("allure-report/data/categories.json").toFile());
        List<String> names = categories.path("children").findValuesAsText("name").stream()
                .filter(name -> name.contains(": ")).toList();
        assertThat(names).anyMatch(n -> n.startsWith("Availability")).anyMatch(n -> n.startsWith("Authentication"))
                .anyMatch(n -> n.startsWith("Contract")).anyMatch(n -> n.startsWith("Inconclusive"))
                .anyMatch(n -> n.startsWith("Broken"));
        for (JsonNode category : categories.path("children")) {
            String cause = category.path("name").asText().split(":")[0].toLowerCase();
            List<String> results = category.path("children").findParents("status").stream().map(r -> r.path("name").asText()).toList();
            assertThat(results).as("results in %s", category.path("name"))
                    .containsExactly("check " + (cause.equals("availability") || cause.equals("authentication")
                            || cause.equals("contract") ? "failed:" : "broken:") + cause);
        }
    }

    @Test
    void aReportThatHoldsMoreThanTheRunRecordedIsInconclusive() throws IOException {
        aRunRecorded("extra", "", List.of("passed", "passed"));
        writeResult(reports.resolve("allure-results"), "passed"); // a result the run did not record
        configuration.put("run.id", "extra");

        int exit = VerdictGate.run(configuration::get, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(JSON.readTree(reports.resolve("verdict.json").toFile()).path("reason").asText())
                .isEqualTo("the report holds 3 results (3 passed) but the run recorded 2 checks (2 passed): the evidence is not whole");
    }

    /**
     * What a run leaves before the gate: its raw results (each "status" or "status:cause") and its final verdict.json
     * counting the same checks, as the checks' session writes them.
     */
    private void aRunRecorded(String runId, String checks, List<String> outcomes) throws IOException {
        Path results = reports.resolve("allure-results");
        if (Files.exists(results)) {
            try (var walk = Files.walk(results)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(results);
        AllureEnvironment.writeCategories(results);
        outcomes.forEach(outcome -> writeResult(results, outcome));
        long passed = outcomes.stream().filter("passed"::equals).count();
        long failed = outcomes.stream().filter(o -> o.startsWith("failed")).count();
        long broken = outcomes.size() - passed - failed;
        String verdict = failed > 0 ? "fail" : broken > 0 ? "inconclusive" : "pass";
        Files.writeString(reports.resolve("verdict.json"), """
                {"runId": "%s", "stage": "finished", "verdict": "%s", "reason": "as recorded", "environment": "local",
                 "selection": {"checks": "%s", "historyKey": "%s"}, "versions": {"ywmessaging": "1.2.3"},
                 "counts": {"total": %d, "passed": %d, "failed": %d, "skipped": 0, "inconclusive": %d}, "failedChecks": []}"""
                .formatted(runId, verdict, checks.replace("\"", "\\\""), checks.isEmpty() ? "every-check" : "smoke-and-ywmessaging",
                        outcomes.size(), passed, failed, broken));
    }

    private static void writeResult(Path results, String outcome) {
        String[] parts = outcome.split(":");
        String uuid = UUID.randomUUID().toString();
        String trace = parts.length > 1 ? "cause: " + parts[1] + ": the check's message\n\tat somewhere" : null;
        String json = """
                {"uuid": "%s", "historyId": "%s", "name": "check %s", "fullName": "checks.%s", "status": "%s", "stage": "finished",
                 "start": 1, "stop": 2, "statusDetails": {"message": "the check's message"%s}, "labels": [{"name": "suite", "value": "s"}]}"""
                .formatted(uuid, uuid, outcome, uuid,
                        parts[0], trace == null ? "" : ", \"trace\": " + quote(trace));
        try {
            Files.writeString(results.resolve(uuid + "-result.json"), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
