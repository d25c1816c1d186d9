package dev.deployverify.systems.sp404.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.audio.Tempo;
import dev.deployverify.audio.Wav;
import dev.deployverify.junit.FlowCheck;
import dev.deployverify.junit.Mutating;
import dev.deployverify.junit.SmokeCheck;
import dev.deployverify.junit.Verifies;
import dev.deployverify.socketio.TextWebSocketClient;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Smoke Tests "Audio Processing Tests" and the API items that create data: upload, analysis (BPM and key from the
 * audio), the /ws/vibe progress stream, SP-404 export, creating a collection. Each check uploads its own generated
 * click loop at a known tempo and deletes what it created.
 */
@Sp404Check
@Mutating("uploads a generated click loop (and creates a collection), deleted after each check")
@DisplayName("SP-404: audio processing")
class Sp404AudioChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TEMPO = 128;

    private final Sp404Client api;

    Sp404AudioChecks(Sp404Client api) {
        this.api = api;
    }

    @AfterEach
    void cleanUp() {
        api.cleanUp();
    }

    @SmokeCheck
    @Verifies({"SP404-16.1", "SP404-13.6", "SP404-3.6"})
    @DisplayName("Upload sample file: a multipart WAV upload answers 201 and serves the same audio back")
    void uploadSampleFile() {
        byte[] loop = Sp404Client.loop(TEMPO);
        String title = "deploy-verify upload " + Sp404Client.shortId();
        Response response = api.upload(title, loop, "dv-upload.wav");
        Verify.that(response).as("multipart WAV upload").hasStatus(201).hasField("title", title).hasNonBlankField("file_url");
        Object id = response.path("id");
        String fileUrl = response.path("file_url");
        assertThat(api.sample(id).<String>path("title")).as("GET %s .title", api.path("sample", id)).isEqualTo(title);
        Response file = api.download(fileUrl);
        Verify.that(file).as("the uploaded file").hasStatus(200);
        Wav served = Wav.parse(file.asByteArray());
        assertThat(served.durationSeconds()).as("duration of the served file vs the %s s uploaded", Sp404Client.LOOP_SECONDS)
                .isCloseTo(Sp404Client.LOOP_SECONDS, Offset.offset(0.01));
    }

    @SmokeCheck
    @Verifies("SP404-15.3")
    @DisplayName("POST /api/v1/samples/analyze works (served at /api/v1/samples/{id}/analyze): 202 processing with a job id")
    void analyzeIsQueued() {
        Object id = api.uploadLoop(TEMPO);
        Response response = api.analyze(id);
        Verify.that(response).hasStatus(202).hasField("status", "processing");
        assertThat(String.valueOf(response.<Object>path("job_id"))).as("analyze .job_id").isNotBlank().isNotEqualTo("null");
    }

    @FlowCheck
    @Verifies({"SP404-16.2", "SP404-13.7", "SP404-3.5"})
    @DisplayName("Audio features extracted (BPM, key): a generated 128 BPM click loop is analysed to within +-2 BPM and a key is set")
    void audioFeaturesExtracted() {
        double tolerance = api.thresholds().value("bpmTolerance");
        Object id = api.uploadLoop(TEMPO);
        Verify.that(api.analyze(id)).hasStatus(202);
        Duration bound = api.analysisBound();
        Response analysed = Allure.step("Wait for the analysis (at most " + bound.toMillis() + " ms)", () -> api.awaitAnalysed(id, bound));
        Allure.addAttachment("Analysis result", "text/plain", String.format("generated: %s BPM click loop, %s s at %d Hz%n"
                + "analysed: bpm %s, musical_key %s%n", TEMPO, Sp404Client.LOOP_SECONDS, Sp404Client.UPLOAD_SAMPLE_RATE,
                analysed.<Object>path("bpm"), analysed.<Object>path("musical_key")), ".txt");
        assertThat(analysed.<Number>path("bpm").doubleValue()).as("bpm extracted from a %s BPM click loop", TEMPO)
                .isCloseTo(TEMPO, Offset.offset(tolerance));
        assertThat(analysed.<String>path("musical_key")).as("musical_key extracted").isNotBlank();
    }

    @SmokeCheck
    @Verifies({"SP404-15.7", "SP404-13.4", "SP404-3.4"})
    @DisplayName("WebSocket /ws/vibe/{sample_id} connects: the first frame is status 'analyzing' at progress 0")
    void vibeWebSocketConnects() {
        Object id = api.uploadLoop(TEMPO);
        try (TextWebSocketClient socket = api.vibeSocket(id)) {
            try {
                String first = socket.awaitFrame(0, frame -> true, "a first frame", api.sut().timeouts().request());
                JsonNode status = json(first);
                assertThat(status.path("type").asText()).as("first frame .type (%s)", first).isEqualTo("status");
                assertThat(status.path("status").asText()).as("first frame .status").isEqualTo("analyzing");
                assertThat(status.path("progress").asInt(-1)).as("first frame .progress").isZero();
            } finally {
                Allure.addAttachment("/ws/vibe frames", "text/plain", socket.transcript(), ".txt");
            }
        }
    }

    @FlowCheck
    @Verifies("SP404-16.3")
    @DisplayName("AI vibe analysis completes (if API key set): /ws/vibe/{id} streams rising progress to 100, then complete, without closing early")
    void vibeAnalysisCompletes() {
        api.sut().requireSetting("aiVibeAnalysis", "'enabled' where OPENROUTER_API_KEY is set, as the checklist makes this item conditional");
        Object id = api.uploadLoop(TEMPO);
        try (TextWebSocketClient socket = api.vibeSocket(id)) {
            try {
                String complete = socket.awaitFrame(0, frame -> "complete".equals(json(frame).path("type").asText()),
                        "a 'complete' frame", api.sut().timeouts().flow());
                List<Integer> progress = new ArrayList<>();
                for (String frame : socket.frames()) {
                    JsonNode node = json(frame);
                    if (node.has("progress")) {
                        progress.add(node.path("progress").asInt());
                    }
                    assertThat(node.path("type").asText()).as("frame type before 'complete' (%s)", frame).isNotEqualTo("error");
                }
                assertThat(progress).as("progress values streamed before 'complete'").isNotEmpty().isSorted().endsWith(100);
                JsonNode data = json(complete).path("data");
                assertThat(data.path("sample_id").asText()).as("complete .data.sample_id").isEqualTo(String.valueOf(id));
                assertThat(data.path("mood").asText()).as("complete .data.mood").isNotBlank();
            } finally {
                Allure.addAttachment("/ws/vibe frames", "text/plain", socket.transcript(), ".txt");
            }
        }
    }

    @FlowCheck
    @Verifies("SP404-16.6")
    @DisplayName("Export to SP-404 format works: the exported sample is a 48 kHz 16-bit WAV of the same audio")
    void exportToSp404Format() {
        Object id = api.uploadLoop(TEMPO);
        Response export = api.authorized().contentType(ContentType.JSON).body(Map.of("format", "wav", "organize_by", "flat"))
                .post(api.path("sampleExport", id));
        Verify.that(export).hasStatus(200);
        assertThat(export.<Boolean>path("success")).as("export .success (error: %s)", export.<Object>path("error_message")).isTrue();
        String url = export.path("download_url");
        Response download = api.download(url);
        Verify.that(download).as("the export").hasStatus(200);
        Map<String, byte[]> entries = Sp404Client.unzip(download.asByteArray());
        List<String> wavs = entries.keySet().stream().filter(n -> n.toLowerCase().endsWith(".wav")).toList();
        assertThat(wavs).as("WAV files in the export zip %s", entries.keySet()).hasSize(1);
        Wav wav = Wav.parse(entries.get(wavs.get(0)));
        assertThat(wav.sampleRate() + " Hz " + wav.bitsPerSample() + "-bit")
                .as("format of %s (uploaded at %d Hz; the SP-404MK2 plays 48 kHz 16-bit)", wavs.get(0), Sp404Client.UPLOAD_SAMPLE_RATE)
                .isEqualTo("48000 Hz 16-bit");
        assertThat(wav.durationSeconds()).as("duration of the export vs the upload").isCloseTo(Sp404Client.LOOP_SECONDS, Offset.offset(0.01));
        assertThat(Tempo.estimateBpm(wav.samples(), wav.sampleRate())).as("tempo of the exported audio (uploaded at %s BPM)", TEMPO)
                .hasValueCloseTo(TEMPO, Offset.offset(api.thresholds().value("bpmTolerance")));
    }

    @SmokeCheck
    @Verifies({"SP404-15.5", "SP404-13.5"})
    @DisplayName("POST /api/v1/collections works: 201 and the new collection is listed with no samples")
    void createCollection() {
        String name = "deploy-verify " + Sp404Client.shortId();
        Response response = api.createCollection(name);
        Verify.that(response).hasStatus(201).hasField("name", name);
        Object id = response.path("id");
        Map<String, Object> listed = api.listedCollection(id);
        assertThat(listed).as("collection %s in GET %s", id, api.path("collections")).isNotNull()
                .containsEntry("name", name).containsEntry("sample_count", 0);
    }

    /** A frame as JSON; a text frame that is not JSON (e.g. "pong") reads as a missing node. */
    private static JsonNode json(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
