package dev.deployverify.systems.sp404.checks;

import dev.deployverify.http.Answer;
import dev.deployverify.audio.ClickTrack;
import dev.deployverify.audio.Wav;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.socketio.TextWebSocketClient;
import dev.deployverify.verify.SystemClient;
import dev.deployverify.verify.Verify;
import io.qameta.allure.Allure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dev.deployverify.verify.Verify.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SP-404 Sample Agent's API as the checks use it; paths come from the environment (the code's paths by
 * default). Everything a check creates is remembered and deleted by {@link #cleanUp}.
 */
final class Sp404Client extends SystemClient {

    /** Generated loops are uploaded at CD rate, so that the 48 kHz conversion of an export is really exercised. */
    static final int UPLOAD_SAMPLE_RATE = 44_100;
    static final double LOOP_SECONDS = 4;

    private static final Pattern ASSET = Pattern.compile(
            "<(?:script|link|img)\\b[^>]*?\\b(?:src|href)\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);

    private final Deque<String> created = new ArrayDeque<>();
    private String token;

    public Sp404Client(SystemUnderTest sut) {
        super(sut);
    }

    /** A path with its {id} filled in. */
    String path(String key, Object id) {
        return path(key).replace("{id}", String.valueOf(id));
    }

    /** A request with the test user's bearer token (one login per run, shared by every check class). */
    RequestSpecification authorized() {
        if (token == null) {
            token = sut.shared("test user login", this::login);
        }
        return request().header("Authorization", "Bearer " + token);
    }

    Response basicLogin(String email, String password) {
        return request().auth().preemptive().basic(email, password).post(path("login"));
    }

    /** Logs the test user in with HTTP Basic; the tokens are registered with the redactor before anything records them. */
    private String login() {
        String email = sut.requireCredential("email");
        String password = sut.requireCredential("password");
        return Allure.step("Log in as the test user (HTTP Basic -> bearer)", () -> {
            Answer answer = Answer.expect(basicLogin(email, password), 200);
            String access = answer.string("access_token");
            sut.redactor().register(access);
            sut.redactor().register(answer.optional("refresh_token"));
            return access;
        });
    }

    /** The bearer token, for clients other than REST Assured (latency sampling). */
    String token() {
        authorized();
        return token;
    }

    Response listSamples(Map<String, ?> query) {
        return authorized().queryParams(query).get(path("samples"));
    }

    /** The id of the first sample listed, or the check is skipped: it needs a library with at least one sample. */
    Object firstListedSampleId() {
        // A wrong answer fails here; only a genuinely empty library skips the check.
        List<Object> ids = Answer.expect(listSamples(Map.of("page", 1, "limit", 1)), 200).list("items.id");
        Assumptions.assumeTrue(!ids.isEmpty(),
                "needs at least one sample in the library, and " + path("samples") + " lists none");
        return ids.get(0);
    }

    /** A click loop at a known tempo, as a 44.1 kHz 16-bit mono WAV. */
    static byte[] loop(double bpm) {
        return Wav.pcm16Mono(ClickTrack.samples(bpm, LOOP_SECONDS, UPLOAD_SAMPLE_RATE), UPLOAD_SAMPLE_RATE);
    }

    Response upload(String title, byte[] wav, String fileName) {
        Response response = authorized().multiPart("file", fileName, wav, "audio/wav").multiPart("title", title)
                .multiPart("genre", "deploy-verify").multiPart("tags", "[\"deploy-verify\"]")
                .post(path("samples"));
        Object id = response.statusCode() == 201 ? response.path("id") : null;
        if (id != null) {
            created.push(path("sample", id));
        }
        return response;
    }

    /** Uploads a generated loop; returns its id (asserting the upload succeeded). */
    Object uploadLoop(double bpm) {
        String title = "dv " + (int) bpm + "bpm " + shortId().substring(0, 6);
        return Allure.step("Upload a generated " + bpm + " BPM click loop '" + title + "'", () -> {
            return Answer.expect(upload(title, loop(bpm), "dv-" + (int) bpm + "bpm.wav"), 201).value("id");
        });
    }

    Response sample(Object id) {
        return authorized().get(path("sample", id));
    }

    Response analyze(Object id) {
        return authorized().contentType(ContentType.JSON).body(Map.of("force_reanalyze", true)).post(path("analyze", id));
    }

    /**
     * Waits until the sample's analysis has stored a BPM; returns the sample as then listed.
     *
     * @throws AssertionError naming the wait and the sample's last state when it does not finish within {@code bound}
     */
    Response awaitAnalysed(Object id, Duration bound) {
        Response[] last = new Response[1];
        try {
            await("analysis of sample " + id + " stores a BPM").atMost(bound).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last[0] = sample(id);
                        return last[0].statusCode() == 200 && last[0].path("bpm") != null;
                    });
            return last[0];
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected the analysis of sample " + id + " to store a BPM within " + bound.toMillis()
                    + " ms, but it did not; last GET " + path("sample", id) + ": "
                    + (last[0] == null ? "none" : last[0].statusCode() + " " + last[0].asString()));
        }
    }

    /** The checklist's analysis budget, but never longer than the environment lets one asynchronous step take. */
    Duration analysisBound() {
        Duration budget = Duration.ofMillis(sut.target().intThreshold("analysisMs"));
        return budget.compareTo(sut.timeouts().flow()) < 0 ? budget : sut.timeouts().flow();
    }

    Response createCollection(String name) {
        Response response = authorized().contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "created by deploy-verify; deleted after the check"))
                .post(path("collections"));
        if (response.statusCode() == 201 && response.path("id") != null) {
            created.push(path("collection", response.path("id")));
        }
        return response;
    }

    /** The collection as GET collections lists it (paging through), or null. */
    Map<String, Object> listedCollection(Object id) {
        for (int skip = 0; skip < 2000; skip += 100) {
            Response response = authorized().queryParam("skip", skip).queryParam("limit", 100).get(path("collections"));
            Verify.that(response).hasStatus(200);
            List<Map<String, Object>> items = response.path("items");
            if (items == null || items.isEmpty()) {
                return null;
            }
            for (Map<String, Object> item : items) {
                if (String.valueOf(id).equals(String.valueOf(item.get("id")))) {
                    return item;
                }
            }
        }
        return null;
    }

    Response createKit(String name) {
        Response response = authorized().contentType(ContentType.JSON).body(Map.of("name", name)).post(path("kits"));
        if (response.statusCode() == 201 && response.path("id") != null) {
            created.push(path("kit", response.path("id")));
        }
        return response;
    }

    /**
     * A URL the API handed out: relative to the base URL or absolute. The bearer token goes only to this deployment,
     * never to another host (e.g. a storage bucket's signed URL).
     */
    Response download(String url) {
        String base = sut.target().baseUrl().toString();
        if (!url.startsWith("http")) {
            return authorized().get(base + url);
        }
        return url.startsWith(base + "/") ? authorized().get(url) : request().get(url);
    }

    /** The plain WebSocket /ws/vibe/{id}. */
    TextWebSocketClient vibeSocket(Object sampleId) {
        URI uri = URI.create(sut.target().wsUrl() + path("vibeWebSocket", sampleId));
        return TextWebSocketClient.connect(uri, Map.of(), sut.timeouts().connect(), sut.redactor());
    }

    /** Deletes everything this client created, newest first; fails naming what could not be deleted. */
    void cleanUp() {
        List<String> failures = new ArrayList<>();
        while (!created.isEmpty()) {
            String path = created.pop();
            int status = authorized().delete(path).statusCode();
            if (status != 200 && status != 204 && status != 404) {
                failures.add("DELETE " + path + " answered " + status);
            }
        }
        assertThat(failures).as("clean-up of what the check created (expected 200/204/404 from every DELETE)").isEmpty();
    }

    /** The entries of a zip, by name. */
    static Map<String, byte[]> unzip(byte[] bytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("expected a readable zip, but reading it failed: " + e.getMessage());
        }
        assertThat(entries).as("entries of the downloaded zip (%d bytes)", bytes.length).isNotEmpty();
        return entries;
    }

    /** Same-origin assets a page references (script src, stylesheet/icon href, img src), as absolute paths. */
    static List<String> sameOriginAssets(String html) {
        Set<String> assets = new LinkedHashSet<>();
        Matcher matcher = ASSET.matcher(html);
        while (matcher.find()) {
            String url = matcher.group(1);
            if (url.startsWith("//") || url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue; // another origin (a CDN) or data:, not this deployment's
            }
            assets.add(url.startsWith("/") ? url : "/" + url);
        }
        return List.copyOf(assets);
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
