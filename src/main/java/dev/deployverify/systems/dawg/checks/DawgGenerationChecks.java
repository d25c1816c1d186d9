package dev.deployverify.systems.dawg.checks;

import dev.deployverify.audio.Tempo;
import dev.deployverify.audio.Wav;
import dev.deployverify.junit.FlowCheck;
import dev.deployverify.junit.Mutating;
import dev.deployverify.junit.PerformanceCheck;
import dev.deployverify.junit.SecurityCheck;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.junit.Verifies;
import dev.deployverify.socketio.SocketIoClient;
import dev.deployverify.verify.Thresholds;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.deployverify.verify.Verify.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deployment day, 8. Smoke tests, "2. Beat Generation Flow", and the success metrics "Average generation time
 * < 30s" and "Success rate > 95%": the run generates a few beats once ({@link BeatGenerationRun}); each check
 * judges one aspect of what was observed. The first job is the checklist's single request, followed in detail.
 */
@DawgCheck
@Mutating("queues a few beat generations for the test user (the API offers no way to delete them)")
@DisplayName("DAWG AI: beat generation flow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DawgGenerationChecks {

    /** Audio up to this size is attached to the report; a full-length beat would swell the evidence. */
    private static final int MAX_AUDIO_ATTACHMENT_BYTES = 1 << 20;

    private final SystemUnderTest sut;
    private BeatGenerationRun run;

    DawgGenerationChecks(SystemUnderTest sut) {
        this.sut = sut;
    }

    @BeforeAll
    void generate() {
        run = BeatGenerationRun.perform(sut);
    }

    @SmokeCheck
    @Verifies("DAWG-15.5")
    @DisplayName("Generation job queued (POST /api/generate/beat answers 202 with a jobId the status endpoint knows)")
    void jobQueued() {
        for (BeatGenerationRun.Job job : run.jobs()) {
            Verify.that(job.queued).as("beat %d", job.index + 1).hasStatus(202);
            assertThat(job.jobId).as("beat %d .jobId", job.index + 1).isNotBlank();
            assertThat(job.firstState).as("state of job %s right after queueing", job.jobId).isIn("waiting", "active", "completed");
        }
    }

    @FlowCheck
    @Verifies("DAWG-15.6")
    @DisplayName("Job progress updates received via WebSocket (generation:started, rising generation:progress, generation:completed)")
    void progressOverWebSocket() {
        BeatGenerationRun.Job job = run.first();
        List<SocketIoClient.Event> events = run.eventsOf(job.jobId);
        List<String> names = events.stream().map(SocketIoClient.Event::name).toList();
        List<Integer> percents = events.stream().filter(e -> e.name().equals("generation:progress"))
                .map(e -> e.payload().path("percent").asInt()).toList();
        assertThat(names).as("generation events for job %s in room user:<id> (%s)", job.jobId, job)
                .startsWith("generation:started").endsWith("generation:completed");
        assertThat(percents).as("generation:progress percents for job %s, expected at least two, rising", job.jobId)
                .hasSizeGreaterThanOrEqualTo(2).isSorted().doesNotHaveDuplicates();
    }

    @FlowCheck
    @Verifies("DAWG-15.7")
    @DisplayName("Audio file generated and uploaded to S3 (the completed job's result: audioUrl, duration > 0, genre and bpm as requested)")
    void audioGenerated() {
        BeatGenerationRun.Job job = run.first();
        assertThat(job.finalState).as("final state of job %s (%s)", job.jobId, job).isEqualTo("completed");
        assertThat(job.result).as("result of the completed job %s (%s)", job.jobId, job).isNotNull();
        assertThat(job.result.path("audioUrl").asText()).as("result .audioUrl").startsWith("http");
        assertThat(job.result.path("duration").asDouble()).as("result .duration (s)").isPositive();
        assertThat(job.result.path("genre").asText()).as("result .genre").isEqualToIgnoringCase(String.valueOf(run.request().get("genre")));
        assertThat(job.result.path("bpm").asInt()).as("result .bpm").isEqualTo(run.request().get("bpm"));
    }

    @SecurityCheck
    @Verifies("DAWG-15.8")
    @DisplayName("Signed URL returned (audioUrl carries a signature and an expiry within 24 h)")
    void signedUrlReturned(Thresholds thresholds) {
        String url = completedAudioUrl();
        double maxHours = thresholds.value("signedUrlMaxHours");
        assertThat(BeatGenerationRun.signatureOf(url)).as("signature (X-Amz-Signature or Signature) in the audio URL").isPresent();
        Instant expiry = BeatGenerationRun.expiryOf(url).orElse(null);
        assertThat(expiry).as("expiry (X-Amz-Date + X-Amz-Expires, or Expires) in the audio URL").isNotNull();
        assertThat(Duration.between(Instant.now(), expiry).toMinutes() / 60.0)
                .as("hours until the audio URL expires, expected at most %s", maxHours).isLessThanOrEqualTo(maxHours);
    }

    @SecurityCheck
    @Verifies("DAWG-15.8")
    @DisplayName("Signed URL refuses a tampered signature (403 while the genuine URL is still valid)")
    void tamperedSignatureRefused() {
        BeatGenerationRun.Job job = downloadedJob();
        assertThat(job.audioStatus).as("status of the genuine audio URL, fetched when the job completed").isEqualTo(200);
        assertThat(job.tamperedStatus).as("status of the same URL with its signature altered").isEqualTo(403);
    }

    @SecurityCheck
    @Verifies("DAWG-15.8")
    @DisplayName("Signed URL expires (the audio URL is refused with 403 once its expiry has passed)")
    void signedUrlExpires() {
        String url = completedAudioUrl();
        Instant expiry = BeatGenerationRun.expiryOf(url).orElse(null);
        assertThat(expiry).as("expiry in the audio URL").isNotNull();
        Duration untilExpiry = Duration.between(Instant.now(), expiry);
        Assumptions.assumeTrue(untilExpiry.compareTo(sut.timeouts().flow()) <= 0, () -> "the audio URL stays valid "
                + untilExpiry.toSeconds() + " s more, beyond this environment's flow timeout (" + sut.timeouts().flow().toSeconds()
                + " s); its expiry is checked by 'Signed URL returned'");
        AtomicInteger lastStatus = new AtomicInteger();
        Allure.step("Wait for the expiry (" + Math.max(0, untilExpiry.toMillis()) + " ms), then fetch the URL again", () -> {
            try {
                await("the audio URL is refused after its expiry")
                        .atMost(untilExpiry.plus(sut.timeouts().flow()))
                        .pollDelay(untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.plusMillis(1100)) // X-Amz-Date has whole seconds
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            lastStatus.set(run.fetch(url).statusCode());
                            return lastStatus.get() == 403;
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("expected the audio URL to be refused with 403 after its expiry " + expiry
                        + ", but " + Duration.between(expiry, Instant.now()).toMillis() + " ms after it, it still answered " + lastStatus.get());
            }
        });
    }

    @FlowCheck
    @Verifies("DAWG-15.9")
    @DisplayName("Audio playback works (the signed URL serves a playable WAV: RIFF/PCM header, duration > 0, tempo as requested)")
    void audioPlays(Thresholds thresholds) {
        BeatGenerationRun.Job job = downloadedJob();
        assertThat(job.audioStatus).as("status of the audio URL (content type %s)", job.audioContentType).isEqualTo(200);
        if (job.audio.length <= MAX_AUDIO_ATTACHMENT_BYTES) {
            Allure.addAttachment("Generated audio (job " + job.jobId + ")", "audio/wav", new java.io.ByteArrayInputStream(job.audio), ".wav");
        }
        Wav wav;
        try {
            wav = Wav.parse(job.audio);
        } catch (Wav.FormatException e) {
            throw new AssertionError("expected a playable PCM WAV at the audio URL (" + job.audio.length + " bytes, "
                    + job.audioContentType + "), but: " + e.getMessage());
        }
        assertThat(wav.durationSeconds()).as("WAV duration (s), %d Hz, %d bit", wav.sampleRate(), wav.bitsPerSample()).isPositive();
        int requested = (int) run.request().get("bpm");
        OptionalDouble measured = Tempo.estimateBpm(wav.samples(), wav.sampleRate());
        assertThat(measured).as("tempo measured from the WAV's onsets (requested %d bpm)", requested).isPresent();
        assertThat(measured.getAsDouble()).as("measured tempo (bpm) vs requested %d", requested)
                .isCloseTo(requested, org.assertj.core.data.Offset.offset(thresholds.value("bpmTolerance")));
    }

    @PerformanceCheck
    @Verifies("DAWG-23.8")
    @DisplayName("Average generation time < 30s (client-observed, queue to completion, over the beats this run generated)")
    void averageGenerationTime(Thresholds thresholds) {
        double budget = thresholds.value("generationAvgSeconds");
        List<Double> seconds = run.jobs().stream().filter(j -> "completed".equals(j.finalState)).map(j -> j.secondsToFinish).toList();
        String figures = String.format("%d of %d beats completed; times %s s", seconds.size(), run.jobs().size(), seconds);
        Allure.addAttachment("Generation times", "text/plain", figures, ".txt");
        assertThat(seconds).as("completed beats to average over (%s)", run.jobs()).isNotEmpty();
        double average = seconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(average).as("average generation time in s, expected < %s (%s)", budget, figures).isLessThan(budget);
    }

    @PerformanceCheck
    @Verifies("DAWG-23.9")
    @DisplayName("Success rate > 95% (queue stats completed/(completed+failed), and the beats this run generated)")
    void successRate(Thresholds thresholds) {
        double budget = thresholds.value("generationSuccessPercent");
        long completedHere = run.jobs().stream().filter(j -> "completed".equals(j.finalState)).count();
        double runRate = 100.0 * completedHere / run.jobs().size();
        assertThat(run.queueStatsAfter()).as("queue stats after the run (GET %s)", sut.target().path("queueStats")).isNotNull();
        long completed = run.queueStatsAfter().path("completed").asLong();
        long failed = run.queueStatsAfter().path("failed").asLong();
        Allure.addAttachment("Success rate", "text/plain", String.format("queue stats: %d completed, %d failed%nthis run: %d of %d completed%n",
                completed, failed, completedHere, run.jobs().size()), ".txt");
        assertThat(runRate).as("success rate of this run's beats in %%, expected > %s (%s)", budget, run.jobs()).isGreaterThan(budget);
        assertThat(completed + failed).as("finished jobs in the queue stats (%s)", run.queueStatsAfter()).isPositive();
        assertThat(100.0 * completed / (completed + failed)).as("queue stats success rate in %%, expected > %s (%d completed, %d failed)",
                budget, completed, failed).isGreaterThan(budget);
    }

    private BeatGenerationRun.Job completedJob() {
        BeatGenerationRun.Job job = run.first();
        assertThat(job.finalState).as("final state of job %s (%s)", job.jobId, job).isEqualTo("completed");
        assertThat(job.audioUrl).as("result .audioUrl of job %s", job.jobId).isNotBlank();
        return job;
    }

    /** The first job, completed, and its audio fetched when it completed (or the check fails saying why not). */
    private BeatGenerationRun.Job downloadedJob() {
        BeatGenerationRun.Job job = completedJob();
        if (job.downloadFailure != null) {
            throw new AssertionError("expected to download the audio of job " + job.jobId + " when it completed: "
                    + job.downloadFailure);
        }
        return job;
    }

    private String completedAudioUrl() {
        return completedJob().audioUrl;
    }
}
