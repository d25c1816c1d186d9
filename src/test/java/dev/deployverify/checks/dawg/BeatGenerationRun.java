package dev.deployverify.checks.dawg;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deployverify.junit.SystemUnderTest;
import dev.deployverify.socketio.SocketIoClient;
import io.qameta.allure.Allure;
import io.restassured.response.Response;
import org.awaitility.core.ConditionTimeoutException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The beat generation flow of one run, done once and recorded for the checks to judge: the test user's socket is
 * connected first, N beats are queued at once (as users would), and each job is followed until it completes or
 * fails, by its socket.io events, polling the status endpoint when no event has said so. Each completed job's audio
 * is fetched through its signed URL the moment it completes (the URL expires), and the same URL with a tampered
 * signature is tried while the genuine one is still valid.
 */
final class BeatGenerationRun {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SIGNATURE = Pattern.compile("([?&](?:X-Amz-Signature|Signature)=)([^&]+)");

    /** What happened to one queued job, as the client observed it. */
    static final class Job {
        final int index;
        final long submittedNanos;
        final Response queued;
        final String jobId;
        String firstState;
        String finalState;
        String error;
        JsonNode result;
        Double secondsToFinish;
        String audioUrl;
        int audioStatus;
        String audioContentType;
        byte[] audio;
        int tamperedStatus;
        String lastStatus = "not polled";

        Job(int index, long submittedNanos, Response queued) {
            this.index = index;
            this.submittedNanos = submittedNanos;
            this.queued = queued;
            this.jobId = queued.statusCode() == 202 ? queued.path("jobId") : null;
        }

        boolean finished() {
            return finalState != null;
        }

        @Override
        public String toString() {
            return "job " + (index + 1) + " " + jobId + ": " + (finalState == null ? "unfinished (" + lastStatus + ")" : finalState)
                    + (secondsToFinish == null ? "" : String.format(" in %.2f s", secondsToFinish)) + (error == null ? "" : ", error: " + error);
        }
    }

    private final SystemUnderTest sut;
    private final DawgClient api;
    private final String userId;
    private final Map<String, Object> request;
    private final List<Job> jobs = new ArrayList<>();
    private List<SocketIoClient.Event> events = List.of();
    private JsonNode queueStatsAfter;

    private BeatGenerationRun(SystemUnderTest sut) {
        this.sut = sut;
        this.api = new DawgClient(sut);
        this.userId = api.testUserId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("genre", sut.target().setting("beatGenre").orElse("trap"));
        body.put("bpm", sut.target().intThreshold("beatBpm"));
        body.put("key", sut.target().setting("beatKey").orElse("Cm"));
        this.request = body;
    }

    static BeatGenerationRun perform(SystemUnderTest sut) {
        BeatGenerationRun run = new BeatGenerationRun(sut);
        run.perform();
        return run;
    }

    private void perform() {
        int count = sut.target().intThreshold("generationJobs");
        try (SocketIoClient socket = Allure.step("Connect socket.io as the test user (room user:" + userId + ")",
                () -> api.socket(userId).reconnecting(Duration.ofMillis(200), client -> { }))) {
            try {
                Allure.step("Queue " + count + " beats: POST " + sut.target().path("generateBeat") + " " + request, () -> {
                    for (int i = 0; i < count; i++) {
                        long start = System.nanoTime();
                        Job job = new Job(i, start, api.generateBeat(userId, request));
                        jobs.add(job);
                        if (job.jobId != null) {
                            job.firstState = api.generationStatus(userId, job.jobId).path("state");
                        }
                    }
                });
                Allure.step("Follow every job until it completes or fails (socket.io events; status endpoint as fallback)", () -> {
                    try {
                        await("all " + count + " beat generation jobs finish")
                                .atMost(sut.timeouts().flow())
                                .pollDelay(Duration.ZERO)
                                .pollInterval(Duration.ofMillis(100))
                                .until(() -> followAll(socket));
                    } catch (ConditionTimeoutException e) {
                        // Unfinished jobs stay unfinished in the record; the checks say which and in what state.
                    }
                });
            } finally {
                events = socket.events();
                Allure.addAttachment("socket.io frames", "text/plain", socket.transcript(), ".txt");
            }
        }
        queueStatsAfter = Allure.step("Read the queue stats after the run's jobs", () -> {
            Response stats = api.queueStats();
            return stats.statusCode() == 200 ? stats.as(JsonNode.class) : null;
        });
        Allure.addAttachment("Beat generation jobs", "text/plain", String.join("\n", jobs.stream().map(Job::toString).toList()), ".txt");
    }

    /** One polling round: true when every queued job has finished. */
    private boolean followAll(SocketIoClient socket) {
        boolean all = true;
        for (Job job : jobs) {
            if (job.jobId == null || job.finished()) {
                continue;
            }
            Optional<SocketIoClient.Event> outcome = socket.events().stream()
                    .filter(e -> (e.name().equals("generation:completed") || e.name().equals("generation:failed"))
                            && job.jobId.equals(e.payload().path("jobId").asText()))
                    .findFirst();
            if (outcome.isPresent()) {
                boolean completed = outcome.get().name().equals("generation:completed");
                finish(job, completed ? "completed" : "failed", outcome.get().receivedNanos(),
                        completed ? outcome.get().payload().path("result") : null, outcome.get().payload().path("error").asText(null));
            } else {
                Response status = api.generationStatus(userId, job.jobId);
                String state = status.path("state");
                job.lastStatus = "status " + status.statusCode() + ", state " + state + ", progress " + status.path("progress");
                if ("completed".equals(state)) {
                    Response result = api.asUser(userId).get(sut.target().path("generationResult") + "/" + job.jobId);
                    finish(job, state, System.nanoTime(), result.as(JsonNode.class).path("result"), null);
                } else if ("failed".equals(state)) {
                    finish(job, state, System.nanoTime(), null, status.path("error"));
                }
            }
            all &= job.finished();
        }
        return all;
    }

    private void finish(Job job, String state, long atNanos, JsonNode result, String error) {
        job.finalState = state;
        job.error = error;
        job.result = result;
        job.secondsToFinish = (atNanos - job.submittedNanos) / 1e9;
        if (result != null && result.hasNonNull("audioUrl")) {
            job.audioUrl = result.path("audioUrl").asText();
            signatureOf(job.audioUrl).ifPresent(sut.redactor()::register);
            Response audio = fetch(job.audioUrl);
            job.audioStatus = audio.statusCode();
            job.audioContentType = audio.contentType();
            job.audio = audio.asByteArray();
            job.tamperedStatus = fetch(tampered(job.audioUrl)).statusCode();
        }
    }

    /** Fetches a signed URL as a player would: no API credentials, the signature is the only grant. */
    Response fetch(String url) {
        return given().spec(sut.http(URI.create(url).resolve("/").toString()))
                .urlEncodingEnabled(false).get(url);
    }

    static Optional<String> signatureOf(String url) {
        Matcher m = SIGNATURE.matcher(url);
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /**
     * When a signed URL stops being valid: S3 v4 style ({@code X-Amz-Date} plus {@code X-Amz-Expires} seconds) or
     * CloudFront style ({@code Expires} epoch seconds).
     */
    static Optional<Instant> expiryOf(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        try {
            if (query.containsKey("X-Amz-Date") && query.containsKey("X-Amz-Expires")) {
                return Optional.of(AMZ_DATE.parse(query.get("X-Amz-Date"), Instant::from)
                        .plusSeconds(Long.parseLong(query.get("X-Amz-Expires"))));
            }
            if (query.containsKey("Expires")) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(query.get("Expires"))));
            }
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The URL with the signature's last character changed (or a made-up signature when it has none). */
    static String tampered(String url) {
        Matcher m = SIGNATURE.matcher(url);
        if (!m.find()) {
            return url + (url.contains("?") ? "&" : "?") + "X-Amz-Signature=00000000";
        }
        String signature = m.group(2);
        char last = signature.charAt(signature.length() - 1);
        return url.substring(0, m.start(2)) + signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0') + url.substring(m.end(2));
    }

    List<Job> jobs() {
        return jobs;
    }

    /** The first job: the checklist's single curl, followed in detail. */
    Job first() {
        return jobs.get(0);
    }

    List<SocketIoClient.Event> eventsOf(String jobId) {
        return events.stream().filter(e -> e.name().startsWith("generation:") && jobId != null
                && jobId.equals(e.payload().path("jobId").asText())).toList();
    }

    Map<String, Object> request() {
        return request;
    }

    JsonNode queueStatsAfter() {
        return queueStatsAfter;
    }
}
