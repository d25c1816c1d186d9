package dev.deployverify.systems.ywmessaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import dev.deployverify.reference.ReferenceDeployments;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RateLimitedProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue "Real deployments", item 5: the suite tripped the rate limiter it was checking, then blamed the
 * deployment (12 checks failed with 429 against a 100-per-15-minutes /api limiter, among them "error rate 60.5%" and
 * every auth and flow check), and two runs in a row would lock the test account out. Here the YWMessaging checks run
 * against the reference behind rate limiters that outlive a run (a fresh reference each run, the same limiters), and
 * must stay under them, log in once per run, report what they sent, and call a 429 of their own making inconclusive.
 */
class YwRateLimitPolitenessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The YWMessaging stand-in of the run going on behind the limiter: each run starts its own. While its deployment
     * starts (readiness goes through the limiter) no other run in this JVM starts, so the last deployment started is
     * this run's; as it has started, its URL is kept for the rest of the run (see {@link #run}).
     */
    private final AtomicReference<String> upstream = new AtomicReference<>();
    private final Supplier<String> reference = () -> {
        String url = upstream.get();
        return url != null ? url : ReferenceDeployments.lastVariables().get("reference.ywmessaging.url");
    };

    @TempDir
    Path dir;

    @Test
    void aProductionLikeLimiterOf100PerWindowIsNotTrippedAndNoCheckFailsWith429() throws IOException {
        try (RateLimitedProxy limiter = RateLimitedProxy.apiLimit(100, reference)) {
            Run run = run(limiter, "first");

            assertThat(run.failed()).as("checks failed behind a 100-per-15-minutes /api limiter (%s)", run.outcome).isEmpty();
            assertThat(run.inconclusive()).as("checks inconclusive (%s)", run.outcome).isEmpty();
            assertThat(limiter.tooManyRequests()).as("429s the limiter answered").isZero();
            assertRequestCountReported(run, limiter);
        }
    }

    @Test
    void twoRunsInARowAgainstTheRealCodesLimitersAreBothGreen() throws IOException {
        try (RateLimitedProxy limiter = RateLimitedProxy.ywMessagingLimits(reference)) {
            Run first = run(limiter, "first");
            int afterFirst = limiter.apiRequests();
            Run second = run(limiter, "second");

            for (Run run : new Run[]{first, second}) {
                assertThat(run.failed()).as("%s run: checks failed (%s)", run.name, run.outcome).isEmpty();
                assertThat(run.inconclusive()).as("%s run: checks inconclusive (%s)", run.name, run.outcome).isEmpty();
                assertThat(run.verdict.path("verdict").asText()).as("%s run's verdict", run.name).isEqualTo("pass");
            }
            assertThat(limiter.tooManyRequests()).as("429s the limiters answered over two runs").isZero();
            assertThat(limiter.apiRequests()).as("/api requests of two runs (the real code's limiter allows 50 a window)")
                    .isLessThan(50);
            assertThat(limiter.logins() - limiter.failedLogins())
                    .as("successful logins over two runs: one per run, shared by every check class").isEqualTo(2);
            assertThat(limiter.failedLogins()).as("failed logins over two runs: the wrong-password check's one per run")
                    .isEqualTo(2);
            assertRequestCountReported(second, limiter.apiRequests() - afterFirst);
        }
    }

    @Test
    void aLimiterWhoseHeadersShowItNearItsEndIsNotTripped() throws IOException {
        try (RateLimitedProxy limiter = RateLimitedProxy.apiLimit(8, reference)) {
            Run run = run(limiter, "first");

            assertThat(limiter.tooManyRequests()).as("429s the limiter of 8 answered").isZero();
            assertThat(run.failed()).as("checks failed (%s)", run.outcome).isEmpty();
            assertThat(run.inconclusive()).as("checks that could not send behind a limiter of 8").isNotEmpty()
                    .allSatisfy((check, message) -> assertThat(message).contains("at or below the reserve of 2"));
            assertThat(run.verdict.path("verdict").asText()).as("verdict").isEqualTo("inconclusive");
        }
    }

    @Test
    void a429TheSuiteCausedItselfIsInconclusiveNeverAFailure() throws IOException {
        // As the real code: a first limiter (here of 8) whose headers no answer shows until it trips.
        try (RateLimitedProxy limiter = RateLimitedProxy.hiddenApiLimit(8, 100, reference)) {
            Run run = run(limiter, "first");

            assertThat(limiter.tooManyRequests()).as("the hidden limiter of 8 answered 429").isPositive();
            assertThat(run.failed()).as("checks failed: a 429 of the suite's own making is not the deployment's fault (%s)",
                    run.outcome).isEmpty();
            assertThat(run.inconclusive()).as("checks inconclusive behind a limiter of 8").isNotEmpty()
                    .allSatisfy((check, message) -> assertThat(message).containsAnyOf("429 Too Many Requests", "not sent",
                            "at or below the reserve"));
            assertThat(run.inconclusive().values()).anySatisfy(message -> assertThat(message)
                    .contains("429 Too Many Requests").contains("RateLimit-Limit 8").contains("this suite's own requests"));
            assertThat(run.verdict.path("verdict").asText()).as("verdict").isEqualTo("inconclusive");
        }
    }

    private void assertRequestCountReported(Run run, RateLimitedProxy limiter) {
        assertRequestCountReported(run, limiter.apiRequests());
    }

    /** verdict.json (and so the sign-off sheet) carries what the run sent to YWMessaging: in all and to /api. */
    private static void assertRequestCountReported(Run run, int apiRequestsSeen) {
        Map<String, JsonNode> figures = new TreeMap<>();
        run.verdict.path("keyFigures").forEach(f -> {
            if (f.path("system").asText().equals("ywmessaging")) {
                figures.put(f.path("name").asText(), f);
            }
        });
        assertThat(figures).as("YWMessaging key figures in verdict.json").containsKeys("Requests sent this run", "Requests to /api/ this run");
        assertThat(figures.get("Requests to /api/ this run").path("value").asInt())
                .as("/api requests the run reported vs those the limiter counted").isEqualTo(apiRequestsSeen);
        assertThat(figures.get("Requests sent this run").path("value").asInt()).as("requests sent in all")
                .isGreaterThan(apiRequestsSeen);
        assertThat(figures.get("Requests sent this run").path("basis").asText()).contains("request budget 24 per run");
    }

    private Run run(RateLimitedProxy limiter, String name) throws IOException {
        Path runDir = Files.createDirectories(dir.resolve(name));
        Path env = runDir.resolve("behind-limiter.yaml");
        Files.writeString(env, """
                description: YWMessaging reference behind rate limiters that outlive the run (selftest)
                reference: true
                mutatingChecks: true
                timeouts:
                  connectSeconds: 2
                  requestSeconds: 5
                  flowSeconds: 5
                  readinessSeconds: 5
                systems:
                  ywmessaging:
                    baseUrl: %s
                    wsUrl: ${reference.ywmessaging.wsUrl}
                    credentials:
                      email: ${reference.ywmessaging.email}
                      password: ${reference.ywmessaging.password}
                      stripeWebhookSecret: ${reference.ywmessaging.stripeWebhookSecret}
                      telnyxPrivateKey: ${reference.ywmessaging.telnyxPrivateKey}
                    settings:
                      testMemberId: ${reference.ywmessaging.testMemberId}
                      allowedOrigin: https://app.ywmessaging.com
                """.formatted(limiter.url()));
        Path reports = runDir.resolve("reports");
        upstream.set(null);
        CheckRun.Outcome outcome = CheckRun.againstEnvironmentFile(env).with("reports.dir", reports.toString())
                .whenStarted(() -> upstream.set(ReferenceDeployments.lastVariables().get("reference.ywmessaging.url")))
                .run(YwMessagingChecks.ALL);
        return new Run(name, outcome, JSON.readTree(reports.resolve("verdict.json").toFile()));
    }

    private record Run(String name, CheckRun.Outcome outcome, JsonNode verdict) {

        /** Checks that failed: red, blamed on the deployment. */
        Map<String, String> failed() {
            Map<String, String> failed = new TreeMap<>(outcome.failed());
            failed.values().removeIf(message -> message.startsWith("Inconclusive"));
            return failed;
        }

        /** Checks that could not reach a verdict. */
        Map<String, String> inconclusive() {
            Map<String, String> inconclusive = new TreeMap<>(outcome.failed());
            inconclusive.values().removeIf(message -> !message.startsWith("Inconclusive"));
            return inconclusive;
        }
    }
}
