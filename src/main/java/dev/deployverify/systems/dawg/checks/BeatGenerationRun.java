package dev.deployverify.systems.dawg.checks;

import dev.deployverify.http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deployverify.run.SystemUnderTest;
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
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
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
        /** Why the audio could not be downloaded when the job completed (null when it was). */
        String downloadFailure;

        Job(int index, long submittedNanos, Response queued) {
            this.index = index;
            this.submittedNanos = submittedNanos;
            this.queued = queued;
            JsonNode body = queued.statusCode() == 202 ? jsonOrNull(queued) : null;
            this.jobId = body == null ? null : body.path("jobId").asText(null);
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
                            JsonNode status = jsonOrNull(api.generationStatus(userId, job.jobId));
                            job.firstState = status == null ? null : status.path("state").asText(null);
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
            return stats.statusCode() == 200 ? jsonOrNull(stats) : null;
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
                // Whatever the status endpoint answers is recorded for the checks; it never aborts the run.
                Response status = api.generationStatus(userId, job.jobId);
                JsonNode body = jsonOrNull(status);
                String state = body == null ? null : body.path("state").asText(null);
                job.lastStatus = body == null ? "status answered " + Answer.of(status).came()
                        : "status " + status.statusCode() + ", state " + state + ", progress " + body.path("progress");
                if ("completed".equals(state)) {
                    Response result = api.asUser(userId).get(sut.target().path("generationResult") + "/" + job.jobId);
                    JsonNode resultBody = result.statusCode() == 200 ? jsonOrNull(result) : null;
                    finish(job, state, System.nanoTime(), resultBody == null ? null : resultBody.path("result"),
                            resultBody == null ? "expected GET result of the job to answer 200 with JSON, got " + Answer.of(result).came() : null);
                } else if ("failed".equals(state)) {
                    finish(job, state, System.nanoTime(), null, body.path("error").asText(null));
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
            // A download that fails (host unresolvable, refused, timed out) is recorded for the checks that need the
            // file; it must not abort the run, whose events and states the other checks judge.
            try {
                Response audio = fetch(job.audioUrl);
                job.audioStatus = audio.statusCode();
                job.audioContentType = audio.contentType();
                job.audio = audio.asByteArray();
                job.tamperedStatus = fetch(tampered(job.audioUrl)).statusCode();
            } catch (AssertionError e) {
                job.downloadFailure = e.getMessage();
            }
        }
    }

    /** The body as JSON, or null when it is not JSON (the caller records what came instead). */
    private static JsonNode jsonOrNull(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (Exception notJson) {
            return null;
        }
    }

    /**
     * Fetches a signed URL as a player would: no API credentials, the signature is the only grant. A request that
     * gets no answer (the host does not resolve, the connection is refused) is an {@link AssertionError} naming the
     * URL: the URL is the deployment's.
     */
    Response fetch(String url) {
        try {
            return given().spec(sut.http(URI.create(url).resolve("/").toString()))
                    .urlEncodingEnabled(false).get(url);
        } catch (dev.deployverify.run.Inconclusive budgetSpent) {
            throw budgetSpent;
        } catch (Exception e) { // REST Assured throws I/O failures undeclared
            throw new AssertionError("expected GET " + url + " (the generated audio) to answer, but it failed: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
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
