package dev.deployverify.systems.muejam;

import dev.deployverify.systems.muejam.checks.MuejamChecks;
import dev.deployverify.systems.muejam.reference.MuejamReference;
import dev.deployverify.selftest.support.CheckRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every MueJam fault turns exactly its checks red against the reference deployment, and the healthy reference
 * passes everything.
 */
class MuejamFaultDetectionTest {

    @Test
    void healthyReferencePassesEveryCheck() {
        CheckRun.Outcome outcome = CheckRun.againstReference().run(MuejamChecks.ALL);

        assertThat(outcome.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(outcome.skipped()).as("skipped checks").isEmpty();
        assertThat(outcome.passed()).as("checks passing").hasSize(21);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("health-down", MuejamChecks.HEALTH, "Verify application health (GET /health", "database, cache and disk",
                        "readiness", "liveness", "API health"),
                fault("disk-85", MuejamChecks.HEALTH, "Verify application health (GET /health", "database, cache and disk"),
                fault("auth-bypass", MuejamChecks.AUTH, "no token, or a token with a forged signature"),
                fault("queue-open", MuejamChecks.AUTH, "the report queue answers 403 to a reader"),
                fault("profile-broken", MuejamChecks.FLOW, "user login"),
                fault("chapter-not-saved", MuejamChecks.FLOW, "story creation and reading"),
                fault("whisper-not-listed", MuejamChecks.FLOW, "whisper posting (post a GLOBAL whisper"),
                fault("no-whisper-limit", MuejamChecks.FLOW, "the 11th whisper within a minute"),
                fault("duplicate-report-accepted", MuejamChecks.FLOW, "content moderation"),
                fault("upload-refused", MuejamChecks.FLOW, "AWS S3 uploads"),
                fault("overlapping-cursor", MuejamChecks.API, "cursor pages never overlap"),
                fault("etag-ignored", MuejamChecks.API, "conditional GET"),
                fault("no-rate-limit-headers", MuejamChecks.API, "X-RateLimit-Limit"),
                fault("no-https-redirect", MuejamChecks.API, "Plain HTTP is redirected to HTTPS"),
                fault("p95-regression", MuejamChecks.PERFORMANCE, "Response Time: p95"),
                fault("p99-stall", MuejamChecks.PERFORMANCE, "Response Time: p99"),
                fault("server-errors", MuejamChecks.PERFORMANCE, "Error Rate"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("faults")
    void faultTurnsExactlyItsChecksRed(String fault, String checkClass, Class<?> checks, List<String> expectedRed) {
        CheckRun.Outcome outcome = CheckRun.againstReference("muejam." + fault).run(checks);

        outcome.assertExactlyRed(fault, expectedRed);
    }

    @Test
    void everyFaultIsProvenBySomeCase() {
        Set<String> proven = Stream.concat(faults(), MuejamInfraFaultDetectionTest.faults())
                .map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(proven).as("faults with a detection case").isEqualTo(MuejamReference.FAULTS.keySet());
    }

    private static Arguments fault(String name, Class<?> checks, String... expectedRed) {
        return Arguments.of(name, checks.getSimpleName(), checks, List.of(expectedRed));
    }
}
