package dev.deployverify.selftest.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.evidence.VerdictGate;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One verdict per run, the sign-off sheet item by item, and the gate that turns the verdict into the exit code. */
class VerdictAndSignOffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    @Test
    void aFailedCheckFailsTheVerdictAndItsItemsShowFailedOnTheSignOffSheet() throws IOException {
        CheckRun.againstReference("ywmessaging.health-degraded").with("reports.dir", reports.toString())
                .run(YwMessagingChecks.HEALTH);

        JsonNode verdict = JSON.readTree(reports.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("fail");
        assertThat(verdict.path("counts").path("failed").asInt()).isEqualTo(3);
        assertThat(verdict.path("failedItems").findValuesAsText("id")).contains("YW-10.2", "YW-9.4", "YW-10.4");
        assertThat(verdict.path("bySystem").path("ywmessaging").path("passed").asInt()).isEqualTo(3);
        assertThat(verdict.path("byTag").path("smoke").path("failed").asInt()).isEqualTo(3);
        assertThat(verdict.path("versions").path("ywmessaging").asText()).isEqualTo("reference-1.0.0");

        String sheet = Files.readString(reports.resolve("sign-off/ywmessaging.md"));
        assertThat(sheet)
                .contains("| YW-10.2 Database connection successful | FAILED | failed: Database connection successful")
                .contains("| YW-10.3 Redis connection successful (or fallback working) | passed |")
                .contains("| YW-1.1 Assign on-call engineer for deployment window | manual: awaiting a person |")
                .contains("| YW-3.1 All PRs merged to main have 2 approvals | not applicable |")
                .contains("| YW-11.2 Message endpoints working: POST /api/v1/messages | not run | its checks were not selected")
                .contains("**Deployed version seen**: reference-1.0.0")
                .contains("**Suite commit**: ");
        assertThat(Files.readString(reports.resolve("sign-off/ywmessaging.html"))).contains("<td>FAILED</td>");
        // Issue "Evidence you can sign": what failed comes first, before the ~150 rows of the checklist.
        assertThat(sheet.indexOf("## Failed items (")).isPositive()
                .isLessThan(sheet.indexOf("## Inconclusive items: none"))
                .isLessThan(sheet.indexOf("| YW-1.1 Assign on-call engineer"));
        assertThat(sheet).contains("**Selection**: every check").contains("**Run**: ");

        assertThat(gate(reports)).isEqualTo(1);
        assertThat(console.toString()).contains("FAILED YW-10.2").endsWith("verdict: FAIL (3 checks failed)" + System.lineSeparator());
    }

    /**
     * Issue "Real deployments", item 6: a class's shared setup that throws (a login answering 500, say) fails each of
     * its checks in verdict.json, on the sign-off sheet and at the gate; before, they vanished and the run passed.
     */
    @Test
    void aCheckClassWhoseSetupThrowsFailsEachOfItsChecks() throws IOException {
        CheckRun.Outcome outcome = CheckRun.againstReference().with("reports.dir", reports.toString())
                .run(SharedSetupThatThrows.class);

        assertThat(outcome.failed()).containsOnlyKeys("Database connection successful", "Redis connection successful");
        JsonNode verdict = JSON.readTree(reports.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("fail");
        assertThat(verdict.path("counts").path("failed").asInt()).isEqualTo(2);
        assertThat(verdict.path("failedItems").findValuesAsText("id")).contains("YW-10.2", "YW-10.3");
        assertThat(Files.readString(reports.resolve("sign-off/ywmessaging.md")))
                .contains("| YW-10.2 Database connection successful | FAILED | failed: Database connection successful (shared setup of 'Shared setup that throws' did not complete")
                .contains("login answered 500");
        assertThat(gate(reports)).isEqualTo(1);
        assertThat(console.toString()).contains("verdict: FAIL (2 checks failed)");
    }

    /** Run only by the test above (not a *Checks class, so never by mvn verify). */
    @dev.deployverify.systems.ywmessaging.checks.YwMessagingCheck
    @org.junit.jupiter.api.DisplayName("Shared setup that throws")
    static class SharedSetupThatThrows {
        @org.junit.jupiter.api.BeforeAll
        static void observeOnce() {
            throw new IllegalStateException("POST /api/auth/login: expected 200, got 500 (login answered 500)");
        }

        @dev.deployverify.junit.SmokeCheck
        @dev.deployverify.junit.Verifies("YW-10.2")
        @org.junit.jupiter.api.DisplayName("Database connection successful")
        void database() {
        }

        @dev.deployverify.junit.SmokeCheck
        @dev.deployverify.junit.Verifies("YW-10.3")
        @org.junit.jupiter.api.DisplayName("Redis connection successful")
        void redis() {
        }
    }

    @Test
    void aTargetThatNeverAnswersMakesTheRunInconclusiveWithoutRunningItsChecks() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        Path env = reports.resolve("unreachable.yaml");
        Files.writeString(env, """
                timeouts:
                  connectSeconds: 1
                  requestSeconds: 1
                  readinessSeconds: 2
                systems:
                  ywmessaging:
                    baseUrl: http://127.0.0.1:%d
                """.formatted(closedPort));

        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(env).with("reports.dir", reports.toString())
                .run(YwMessagingChecks.HEALTH);

        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.passed()).isEmpty();
        assertThat(outcome.skipped().values()).isNotEmpty().allSatisfy(reason -> assertThat(reason)
                .contains("inconclusive: ywmessaging did not become ready within 2 s: GET /health/live failed: connection refused"));
        JsonNode verdict = JSON.readTree(reports.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("inconclusive");
        assertThat(verdict.path("reason").asText()).contains("did not become ready");
        assertThat(Files.readString(reports.resolve("sign-off/ywmessaging.md")))
                .contains("| YW-9.3 Verify health check endpoint returns 200 | inconclusive | inconclusive: Verify health check")
                // the environment file lives outside the checkout: the commit is still the suite's own
                .containsPattern("\\*\\*Suite commit\\*\\*: [0-9a-f]{7}");
        // Issue "Evidence you can sign": checks left out as inconclusive are counted as such, not as 0 of 0.
        int checks = org.junit.platform.commons.support.AnnotationSupport.findAnnotatedMethods(YwMessagingChecks.HEALTH,
                org.junit.platform.commons.annotation.Testable.class, org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN).size();
        assertThat(verdict.path("counts").path("inconclusive").asInt()).isEqualTo(checks).isGreaterThan(1);
        assertThat(gate(reports)).isEqualTo(2);
        assertThat(console.toString()).contains(checks + " checks: 0 passed, 0 failed, " + checks + " inconclusive").contains("verdict: INCONCLUSIVE");
    }

    @Test
    void aTargetThatAnswersButStaysUnhealthyIsCheckedAndFails() throws IOException {
        CheckRun.Outcome outcome = CheckRun.againstReference("dawg.health-down").with("reports.dir", reports.toString())
                .run(dev.deployverify.systems.dawg.checks.DawgChecks.HEALTH);

        assertThat(outcome.failed()).containsKey("Health check returns 200 OK (GET /health)");
        assertThat(JSON.readTree(reports.resolve("verdict.json").toFile()).path("verdict").asText()).isEqualTo("fail");
    }

    @Test
    void aTargetThatDoesNotServeTheExpectedVersionIsInconclusive() throws IOException {
        CheckRun.againstReference().with("reports.dir", reports.toString()).with("expect.version", "ywmessaging=9.9.9")
                .run(YwMessagingChecks.HEALTH);

        JsonNode verdict = JSON.readTree(reports.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("inconclusive");
        assertThat(verdict.path("reason").asText()).contains("it serves version reference-1.0.0, expected 9.9.9");
    }

    @Test
    void aHealthyRunPassesTheGate() throws IOException {
        CheckRun.againstReference().with("reports.dir", reports.toString()).with("expect.version", "ywmessaging=reference-1.0.0")
                .run(YwMessagingChecks.HEALTH);

        assertThat(JSON.readTree(reports.resolve("verdict.json").toFile()).path("verdict").asText()).isEqualTo("pass");
        assertThat(Files.readString(reports.resolve("sign-off/index.md"))).contains("Verdict: **pass**");
        assertThat(gate(reports)).isZero();
    }

    /** Issue "Evidence you can sign", item 2: a partial run says so, and the systems it left out are not "inconclusive". */
    @Test
    void aPartialRunSaysItIsPartialAndNamesWhatItDidNotVerify() throws IOException {
        CheckRun.againstReference().with("reports.dir", reports.toString()).with("checks", "smoke & ywmessaging")
                .run(YwMessagingChecks.HEALTH);

        JsonNode verdict = JSON.readTree(reports.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("pass");
        assertThat(verdict.path("reason").asText()).isEqualTo("every check that ran passed (partial: -Dchecks=\"smoke & ywmessaging\")");
        assertThat(verdict.path("selection").path("scope").asText()).isEqualTo("partial");
        assertThat(verdict.path("selection").path("checks").asText()).isEqualTo("smoke & ywmessaging");
        assertThat(verdict.path("selection").path("systems").toString()).isEqualTo("[\"ywmessaging\"]");
        assertThat(verdict.path("selection").path("notVerified").path("dawg").asText()).isEqualTo("dawg is not selected by -Dchecks=\"smoke & ywmessaging\"");
        String index = Files.readString(reports.resolve("sign-off/index.md"));
        assertThat(index).contains("Selection: partial: -Dchecks=\"smoke & ywmessaging\"")
                .contains("- dawg: not verified in this run (dawg is not selected by -Dchecks=\"smoke & ywmessaging\")")
                .doesNotContain("dawg: inconclusive");
        assertThat(Files.readString(reports.resolve("sign-off/ywmessaging.md"))).contains("**Selection**: partial: -Dchecks=\"smoke & ywmessaging\"");
        assertThat(gate(reports)).isZero();
        assertThat(console.toString()).contains("(partial run: -Dchecks=\"smoke & ywmessaging\")");
    }

    @Test
    void noVerdictAtAllIsInconclusive() {
        assertThat(gate(reports)).isEqualTo(2);
        assertThat(console.toString()).contains("verdict: INCONCLUSIVE (no verdict was written");
    }

    private final java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();

    /** The verdict gate without a report (no Allure command line): its exit code; what it printed is in {@link #console}. */
    private int gate(Path reports) {
        return VerdictGate.run(key -> key.equals("reports.dir") ? reports.toString() : null,
                new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
    }
}
