package dev.deployverify.systems.sp404.checks;

import dev.deployverify.audio.PadConf;
import dev.deployverify.audio.Tempo;
import dev.deployverify.audio.Wav;
import dev.deployverify.junit.FlowCheck;
import dev.deployverify.junit.Mutating;
import dev.deployverify.junit.Verifies;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import static dev.deployverify.verify.Verify.assertThat;

/**
 * Smoke Tests "Integration Tests", in order, as a producer would: create a collection, upload generated loops and add
 * them to it, build a kit from it, generate the SP-404 project, download it, and check the PADCONF.BIN and every
 * sample in the zip against the kit that was built. Each step is its own check; a step whose predecessor failed is
 * skipped naming it. Everything created is deleted afterwards.
 */
@Sp404Check
@Mutating("uploads three generated loops and builds a collection, a kit and a project export; deleted afterwards")
@DisplayName("SP-404: integration (collection, kit, project, PADCONF.BIN)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Sp404IntegrationChecks {

    /** Pad -> tempo of the loop assigned to it: two pads of bank A and one of bank B, so the bank stride is exercised. */
    private static final Map<String, Double> PADS = Map.of("A1", 90.0, "A2", 120.0, "B5", 150.0);
    private static final double PROJECT_BPM = 120.5;

    private final Sp404Client api;
    private final String projectName = "deploy-verify " + Sp404Client.shortId();
    /** Pad index -> the sample assigned to it. */
    private final TreeMap<Integer, Loop> kitPads = new TreeMap<>();
    private Object collectionId;
    private Object kitId;
    private String downloadUrl;
    private Map<String, byte[]> zip;

    private record Loop(Object id, double bpm) {
    }

    Sp404IntegrationChecks(Sp404Client api) {
        this.api = api;
    }

    @AfterAll
    void cleanUp() {
        api.cleanUp();
    }

    @FlowCheck
    @Order(1)
    @Verifies("SP404-17.1")
    @DisplayName("Create new collection: POST /api/v1/collections answers 201 and lists it")
    void createCollection() {
        Response response = api.createCollection(projectName);
        Verify.that(response).hasStatus(201);
        collectionId = response.path("id");
        assertThat(api.listedCollection(collectionId)).as("collection %s in GET %s", collectionId, api.path("collections")).isNotNull();
    }

    @FlowCheck
    @Order(2)
    @Verifies("SP404-17.2")
    @DisplayName("Add samples to collection: three uploaded loops are added and counted")
    void addSamplesToCollection() {
        requireStep(collectionId, "Create new collection");
        List<Object> ids = new ArrayList<>();
        new TreeMap<>(PADS).forEach((pad, bpm) -> {
            Object id = api.uploadLoop(bpm);
            ids.add(id);
            kitPads.put(PadConf.padIndex(pad.charAt(0), Integer.parseInt(pad.substring(1))), new Loop(id, bpm));
        });
        Verify.that(api.authorized().contentType(ContentType.JSON).body(Map.of("sample_ids", ids)).post(api.path("collectionSamples", collectionId)))
                .hasStatus(200).hasField("count", ids.size());
        assertThat(api.listedCollection(collectionId)).as("collection %s as listed", collectionId).isNotNull()
                .containsEntry("sample_count", ids.size());
    }

    @FlowCheck
    @Order(3)
    @Verifies("SP404-17.3")
    @DisplayName("Build kit from collection: each sample is assigned to its pad")
    void buildKit() {
        Assumptions.assumeTrue(kitPads.size() == PADS.size(), "needs the samples from 'Add samples to collection', which failed");
        Response kit = api.createKit(projectName);
        Verify.that(kit).hasStatus(201);
        Object id = kit.path("id");
        kitPads.forEach((index, loop) -> {
            String label = PadConf.padLabel(index);
            Response assigned = api.authorized().contentType(ContentType.JSON)
                    .body(Map.of("sample_id", loop.id(), "pad_bank", label.substring(0, 1), "pad_number", Integer.parseInt(label.substring(1))))
                    .post(api.path("kitAssign", id));
            Verify.that(assigned).as("sample %s to pad %s", loop.id(), label).hasStatus(201);
        });
        Response built = api.authorized().get(api.path("kit", id));
        Verify.that(built).hasStatus(200);
        List<Map<String, Object>> listed = built.path("pads");
        assertThat(listed).as("GET %s .pads (body: %s)", api.path("kit", id), built.asString()).isNotNull();
        List<String> pads = new ArrayList<>();
        listed.forEach(pad -> pads.add(pad.get("pad_bank") + String.valueOf(pad.get("pad_number"))
                + " = sample " + pad.get("sample_id")));
        List<String> expected = new ArrayList<>();
        kitPads.forEach((index, loop) -> expected.add(PadConf.padLabel(index) + " = sample " + loop.id()));
        assertThat(pads).as("pads of kit %s as GET %s lists them", id, api.path("kit", id)).containsExactlyInAnyOrderElementsOf(expected);
        kitId = id;
    }

    @FlowCheck
    @Order(4)
    @Verifies("SP404-17.4")
    @DisplayName("Generate SP-404 project: POST /api/v1/projects/from-kit/{kit_id} succeeds with every pad's sample")
    void generateProject() {
        requireStep(kitId, "Build kit from collection");
        Response response = api.authorized().contentType(ContentType.JSON)
                .body(Map.of("project_name", projectName, "project_bpm", PROJECT_BPM, "audio_format", "wav"))
                .post(api.path("projectFromKit", kitId));
        Verify.that(response).hasStatus(200);
        assertThat(response.<Boolean>path("success")).as("project .success (it answers 200 even on failure; error_message: %s)",
                response.<Object>path("error_message")).isTrue();
        assertThat(response.<Integer>path("sample_count")).as("project .sample_count for a kit of %d pads", kitPads.size()).isEqualTo(kitPads.size());
        downloadUrl = response.path("download_url");
        assertThat(downloadUrl).as("project .download_url").isNotBlank();
    }

    @FlowCheck
    @Order(5)
    @Verifies("SP404-17.5")
    @DisplayName("Download project files: a zip with PADCONF.BIN, PROJECT_INFO.txt and one samples/*.wav per pad")
    void downloadProjectFiles() {
        requireStep(downloadUrl, "Generate SP-404 project");
        Response download = api.download(downloadUrl);
        Verify.that(download).as("the project").hasStatus(200).hasContentType("application/zip");
        zip = Sp404Client.unzip(download.asByteArray());
        Allure.addAttachment("Project zip contents", "text/plain", describeZip(), ".txt");
        List<String> wavs = zip.keySet().stream().filter(n -> n.startsWith("samples/") && n.toLowerCase().endsWith(".wav")).toList();
        assertThat(zip).as("project zip (%s)", zip.keySet()).containsKeys("PADCONF.BIN", "PROJECT_INFO.txt");
        assertThat(wavs).as("samples/*.wav in the project zip for a kit of %d pads", kitPads.size()).hasSize(kitPads.size());
    }

    @FlowCheck
    @Order(6)
    @Verifies("SP404-17.6")
    @DisplayName("Verify PADCONF.BIN format: the file is exactly 52,000 bytes")
    void padConfSize() {
        PadConf conf = padConf();
        assertThat(conf.size()).as("size of PADCONF.BIN in bytes (the SP-404MK2 loads only a %,d-byte file; this one is %,d bytes, %s)",
                PadConf.SIZE, conf.size(), conf.size() < PadConf.SIZE ? (PadConf.SIZE - conf.size()) + " short" : (conf.size() - PadConf.SIZE) + " too many")
                .isEqualTo(PadConf.SIZE);
    }

    @FlowCheck
    @Order(7)
    @Verifies("SP404-17.6")
    @DisplayName("Verify PADCONF.BIN format: project tempo mode (0x12 = 0x01) and the project BPM x 100, big-endian, at 0x13")
    void padConfTempo() {
        PadConf conf = padConf();
        int expected = (int) Math.round(PROJECT_BPM * 100);
        assertThat(conf.tempoMode()).as("tempo mode at 0x12 (0x01 = project tempo)").isEqualTo(PadConf.TEMPO_MODE_PROJECT);
        int swapped = (expected & 0xFF) << 8 | expected >>> 8;
        assertThat(conf.bpmTimes100()).as("project BPM at 0x13: expected %.2f BPM (%d = bytes %s big-endian); the sampler would read %.2f BPM "
                        + "(bytes %s)%s", PROJECT_BPM, expected, hex(expected), conf.bpm(), hex(conf.bpmTimes100()),
                conf.bpmTimes100() == swapped ? ": the bytes are swapped, written little-endian" : "")
                .isEqualTo(expected);
    }

    @FlowCheck
    @Order(8)
    @Verifies("SP404-17.6")
    @DisplayName("Verify PADCONF.BIN format: the project name as null-terminated ASCII at 0x81")
    void padConfName() {
        PadConf conf = padConf();
        assertThat(conf.projectName()).as("project name the sampler would read at 0x81 (the project was generated as '%s')", projectName)
                .isEqualTo(projectName);
    }

    @FlowCheck
    @Order(9)
    @Verifies("SP404-17.6")
    @DisplayName("Verify PADCONF.BIN format: the pad file names from 0x6C20 name each pad's own sample in the zip, other pads empty")
    void padConfPadFileNames() {
        PadConf conf = padConf();
        double tolerance = api.thresholds().value("bpmTolerance");
        List<String> problems = new ArrayList<>();
        for (int index = 0; index < PadConf.PADS; index++) {
            String label = PadConf.padLabel(index);
            String name = conf.padFileNames().get(index);
            Loop loop = kitPads.get(index);
            String slot = String.format("0x%04X", PadConf.PAD_NAMES_OFFSET + index * PadConf.PAD_NAME_SLOT);
            if (loop == null) {
                if (!name.isEmpty()) {
                    problems.add("pad " + label + " was not assigned, but its slot at " + slot + " names '" + name + "'");
                }
                continue;
            }
            String wanted = "the " + loop.bpm() + " BPM loop (sample " + loop.id() + ")";
            if (name.isEmpty()) {
                problems.add("pad " + label + " should name the file of " + wanted + ", but its slot at " + slot + " is empty");
                continue;
            }
            byte[] file = fileInZip(name);
            if (file == null) {
                problems.add("pad " + label + " names '" + name + "', which is not in the zip");
                continue;
            }
            OptionalDouble tempo;
            try {
                Wav wav = Wav.parse(file);
                tempo = Tempo.estimateBpm(wav.samples(), wav.sampleRate());
            } catch (Wav.FormatException e) {
                problems.add("pad " + label + " names '" + name + "', which is not a PCM WAV: " + e.getMessage());
                continue;
            }
            if (tempo.isEmpty() || Math.abs(tempo.getAsDouble() - loop.bpm()) > tolerance) {
                problems.add("pad " + label + " names '" + name + "', whose audio is " + (tempo.isEmpty() ? "without a beat"
                        : String.format("%.1f BPM", tempo.getAsDouble())) + ", not " + wanted);
            }
        }
        assertThat(problems).as("pad file names in PADCONF.BIN vs the kit built (%s)", describeKit()).isEmpty();
    }

    @FlowCheck
    @Order(10)
    @Verifies("SP404-17.5")
    @DisplayName("Download project files: every sample in the zip is a 48 kHz 16-bit WAV")
    void samplesAre48k16Bit() {
        requireStep(zip, "Download project files");
        List<String> problems = new ArrayList<>();
        zip.forEach((name, bytes) -> {
            if (!name.startsWith("samples/")) {
                return;
            }
            try {
                Wav wav = Wav.parse(bytes);
                if (wav.sampleRate() != 48_000 || wav.bitsPerSample() != 16) {
                    problems.add(name + " is " + wav.sampleRate() + " Hz " + wav.bitsPerSample() + "-bit");
                }
            } catch (Wav.FormatException e) {
                problems.add(name + " is not a PCM WAV: " + e.getMessage());
            }
        });
        assertThat(problems).as("samples the SP-404MK2 would not play as they are (it needs 48000 Hz 16-bit WAV; uploaded at %d Hz)",
                Sp404Client.UPLOAD_SAMPLE_RATE).isEmpty();
    }

    private PadConf padConf() {
        requireStep(zip, "Download project files");
        byte[] bytes = zip.get("PADCONF.BIN");
        Assumptions.assumeTrue(bytes != null, "the project zip has no PADCONF.BIN (see 'Download project files')");
        PadConf conf;
        try {
            conf = PadConf.read(bytes);
        } catch (PadConf.FormatException e) {
            throw new AssertionError("expected a PADCONF.BIN the sampler can read, but " + e.getMessage());
        }
        Allure.addAttachment("PADCONF.BIN as read", "text/plain", describe(conf), ".txt");
        return conf;
    }

    private byte[] fileInZip(String padFileName) {
        return zip.entrySet().stream().filter(e -> e.getKey().equals("samples/" + padFileName) || e.getKey().endsWith("/" + padFileName)
                || e.getKey().equals(padFileName)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static void requireStep(Object state, String step) {
        Assumptions.assumeTrue(state != null, "needs the result of '" + step + "', which failed");
    }

    private String describeKit() {
        List<String> pads = new ArrayList<>();
        kitPads.forEach((index, loop) -> pads.add(PadConf.padLabel(index) + " = sample " + loop.id() + " (" + loop.bpm() + " BPM)"));
        return String.join(", ", pads);
    }

    private String describeZip() {
        StringBuilder text = new StringBuilder();
        zip.forEach((name, bytes) -> text.append(name).append(": ").append(bytes.length).append(" bytes\n"));
        return text.toString();
    }

    private static String describe(PadConf conf) {
        StringBuilder text = new StringBuilder(String.format("size: %,d bytes (expected %,d)%ntempo mode (0x12): 0x%02X%n"
                        + "project BPM (0x13, big-endian x 100): %.2f%nproject name (0x81): '%s'%nassigned pads:%n",
                conf.size(), PadConf.SIZE, conf.tempoMode(), conf.bpm(), conf.projectName()));
        for (int index = 0; index < PadConf.PADS; index++) {
            if (!conf.padFileNames().get(index).isEmpty()) {
                text.append("  ").append(PadConf.padLabel(index)).append(": ").append(conf.padFileNames().get(index)).append('\n');
            }
        }
        return text.toString();
    }

    private static String hex(int value) {
        return String.format("0x%02X 0x%02X", value >>> 8 & 0xFF, value & 0xFF);
    }
}
