package dev.deployverify.systems.sp404.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.audio.ClickTrack;
import dev.deployverify.audio.PadConf;
import dev.deployverify.audio.Wav;
import dev.deployverify.auth.Jwt;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.sp404.Sp404Fault;
import dev.deployverify.reference.Requests;
import dev.deployverify.reference.ReferenceServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.javalin.security.BasicAuthCredentials;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The SP-404MK2 Sample Agent as its brief describes it (FastAPI + React on one origin): the React home page and its
 * assets, Swagger UI and the OpenAPI document, register and HTTP Basic login to a bearer token, samples with paging
 * and filters, multipart upload of real audio, asynchronous analysis that estimates BPM and key from the samples,
 * the {@code /ws/vibe/{id}} progress stream, collections, usage, kits, project and sample exports. The library is
 * seeded with analysed click-track loops so that listing, filters and paging have data. Credentials are random per
 * start.
 */
public final class Sp404Reference implements VerifiedSystem.StandIn {


    static final String APP_JS = "/assets/index-B7xq2f1a.js";
    static final String APP_CSS = "/assets/index-Cm3d9e4f.css";
    static final String WAVEFORM_JS = "/assets/waveform-D4k2x9aQ.js";   // a chunk the app imports on first preview
    static final String APP_CONFIG = "/app-config.json";
    /** The front end's origin the CORS policy allows (local.yaml's settings.allowedOrigin). */
    static final String APP_ORIGIN = "https://sp404.reference.invalid";
    static final String ICON = "/vite.svg";
    static final List<String> UI_ROUTES = List.of("/", "/samples", "/collections", "/kits", "/builder", "/settings");
    private static final Set<String> AUDIO_EXTENSIONS = Set.of(".wav", ".mp3", ".flac", ".aiff", ".m4a", ".ogg");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Faults<Sp404Fault> faults;
    private final Sp404Exports exports;
    private final String jwtSecret = Requests.randomToken(32);
    private final String email = "producer-" + Requests.randomToken(4).toLowerCase(Locale.ROOT) + "@reference.invalid";
    private final String password = "pw-" + Requests.randomToken(12);
    private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();
    private final Map<Integer, Sample> samples = new ConcurrentHashMap<>();
    private final Map<String, Integer> seeded;
    private final Map<Integer, Map<String, Object>> collections = new ConcurrentHashMap<>();
    private final Map<Integer, Set<Integer>> collectionSamples = new ConcurrentHashMap<>();
    private final Map<Integer, Kit> kits = new ConcurrentHashMap<>();
    private final Map<String, byte[]> downloads = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> usage = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong scriptRequests = new AtomicLong();
    private final ExecutorService analysisWorker = Executors.newSingleThreadExecutor(daemon("sp404-analysis"));
    private final ScheduledExecutorService vibeWorker = Executors.newSingleThreadScheduledExecutor(daemon("sp404-vibe"));
    private final ReferenceServer server;

    /** An uploaded sample: what the API shows plus the stored audio. */
    private static final class Sample {
        final int id;
        final Map<String, Object> fields = new LinkedHashMap<>();
        final byte[] audio;

        Sample(int id, byte[] audio) {
            this.id = id;
            this.audio = audio;
        }

        /** A copy to serialise: the analysis worker writes the fields while requests read them. */
        Map<String, Object> json() {
            synchronized (fields) {
                return new LinkedHashMap<>(fields);
            }
        }
    }

    /** A kit: its name and pad index -> sample id. */
    private record Kit(int id, String name, Map<Integer, Integer> pads) {
    }

    public Sp404Reference(Faults<Sp404Fault> faults) {
        this.faults = faults;
        this.exports = new Sp404Exports(faults);
        users.put(email, Map.of("id", 1, "email", email, "username", "reference-producer", "password", password));
        seedLibrary();
        seeded = census();
        this.server = ReferenceServer.start(this::routes);
    }

    /** The variables local.yaml reads as ${reference.sp404.*}. */
    public Map<String, String> variables() {
        return Map.of("reference.sp404.url", server.url(), "reference.sp404.email", email, "reference.sp404.password", password);
    }

    @Override
    public void close() {
        server.close();
        analysisWorker.shutdownNow();
        vibeWorker.shutdownNow();
    }


    private void routes(JavalinConfig config) {
        config.router.ignoreTrailingSlashes = false; // FastAPI redirects /api/v1/samples to /api/v1/samples/
        config.routes.before(this::edgeHeaders);
        config.routes.before("/api/*", this::slowApi);

        config.routes.get("/health", ctx -> {
            if (faults.has(Sp404Fault.HEALTH_DOWN)) {
                ctx.status(503).json(Map.of("status", "unhealthy", "version", "1.0.0"));
            } else {
                ctx.json(Map.of("status", "healthy", "version", "1.0.0"));
            }
        });
        UI_ROUTES.forEach(route -> config.routes.get(route, ctx -> ctx.html(Sp404Ui.INDEX_HTML)));
        config.routes.get(APP_JS, ctx -> {
            if (faults.has(Sp404Fault.SLOW_HOME_PAGE) && scriptRequests.incrementAndGet() % 5 == 0) {
                Thread.sleep(2100);
            }
            asset(ctx, "text/javascript", Sp404Ui.appJs(faults));
        });
        config.routes.get(APP_CSS, ctx -> asset(ctx, "text/css", Sp404Ui.appCss(faults)));
        config.routes.get(WAVEFORM_JS, ctx -> {
            if (faults.has(Sp404Fault.UI_CHUNK_MISSING)) {
                ctx.status(404).result("Not Found");
            } else {
                asset(ctx, "text/javascript", Sp404Ui.WAVEFORM_JS);
            }
        });
        config.routes.get(APP_CONFIG, ctx -> {
            if (faults.has(Sp404Fault.UI_SLOW_RENDER)) {
                Thread.sleep(2500);
            }
            ctx.header("Cache-Control", "no-cache").json(JSON.readTree(Sp404Ui.APP_CONFIG_JSON));
        });
        config.routes.get(ICON, ctx -> asset(ctx, "image/svg+xml", Sp404Ui.ICON_SVG));
        config.routes.get("/docs", ctx -> ctx.html(Sp404Ui.SWAGGER_HTML));
        config.routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(Sp404Ui.OPENAPI_JSON));

        config.routes.post("/api/v1/auth/register", this::register);
        config.routes.post("/api/v1/auth/login", this::login);
        config.routes.before("/api/*", ctx -> {
            if (!ctx.path().startsWith("/api/v1/auth/") && !ctx.path().equals("/api/v1/openapi.json")) {
                requireBearer(ctx);
            }
        });
        config.routes.get("/api/v1/samples", ctx -> ctx.redirect("/api/v1/samples/" + queryOf(ctx), HttpStatus.TEMPORARY_REDIRECT));
        config.routes.get("/api/v1/samples/", this::listSamples);
        config.routes.post("/api/v1/samples/", this::upload);
        config.routes.get("/api/v1/samples/{id}", ctx -> ctx.json(sample(ctx).json()));
        config.routes.delete("/api/v1/samples/{id}", this::deleteSample);
        config.routes.post("/api/v1/samples/{id}/analyze", this::analyze);
        config.routes.get("/files/samples/{name}", this::sampleFile);
        config.routes.ws("/ws/vibe/{id}", ws -> {
            ws.onConnect(this::startVibeStream);
            ws.onMessage(ctx -> {
                if ("ping".equals(ctx.message())) {
                    ctx.send("pong");
                }
            });
        });

        config.routes.get("/api/v1/collections", this::listCollections);
        config.routes.post("/api/v1/collections", this::createCollection);
        config.routes.delete("/api/v1/collections/{id}", ctx -> {
            int id = intPath(ctx);
            if (collections.remove(id) == null) {
                throw notFound("Collection");
            }
            collectionSamples.remove(id);
            ctx.status(204);
        });
        config.routes.post("/api/v1/collections/{id}/samples", this::addToCollection);
        config.routes.get("/api/v1/usage/summary", this::usageSummary);

        config.routes.post("/api/v1/kits", this::createKit);
        config.routes.get("/api/v1/kits/{id}", ctx -> ctx.json(kitJson(kit(ctx))));
        config.routes.delete("/api/v1/kits/{id}", ctx -> {
            if (kits.remove(intPath(ctx)) == null) {
                throw notFound("Kit");
            }
            ctx.status(204);
        });
        config.routes.post("/api/v1/kits/{id}/assign", this::assignPad);
        config.routes.post("/api/v1/projects/from-kit/{id}", this::projectFromKit);
        config.routes.get("/api/v1/projects/download/{exportId}", this::download);
        config.routes.post("/api/v1/sp404/samples/{id}/export", this::exportSample);
        config.routes.get("/api/v1/sp404/exports/{exportId}/download", this::download);

        config.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status).json(Map.of("detail", e.getMessage())));
    }

    /** FastAPI's HTTPException: a status and a {"detail"} body. */
    private static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    private static ApiError notFound(String what) {
        return new ApiError(404, what + " not found");
    }

    private static ApiError invalid(String field, String message) {
        return new ApiError(400, field + ": " + message);
    }

    /**
     * What the deployment's proxy and FastAPI's CORSMiddleware add to every answer: the security headers, and CORS
     * for the front end's origin (credentials allowed); a preflight from that origin is answered 200, any other
     * origin gets no CORS header at all.
     */
    private void edgeHeaders(Context ctx) {
        if (!faults.has(Sp404Fault.SECURITY_HEADERS_MISSING)) {
            if (!ctx.path().equals("/docs")) { // FastAPI's Swagger UI page is an inline script, which this policy blocks
                ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net; "
                        + "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
            }
            ctx.header("X-Frame-Options", "DENY");
        }
        ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        String origin = ctx.header("Origin");
        if (origin != null && (origin.equals(APP_ORIGIN) || faults.has(Sp404Fault.CORS_ANY_ORIGIN))) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Credentials", "true");
            ctx.header("Vary", "Origin");
            if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
                ctx.header("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
                ctx.header("Access-Control-Allow-Headers", "authorization, content-type");
                ctx.status(200).result("OK");
                ctx.skipRemainingHandlers();
            }
        }
    }

    private void slowApi(Context ctx) throws InterruptedException {
        if (faults.has(Sp404Fault.SLOW_API) && apiRequests.incrementAndGet() % 10 == 0) {
            Thread.sleep(700);
        }
    }

    private void asset(Context ctx, String contentType, String body) {
        if (faults.has(Sp404Fault.ASSETS_MISSING)) {
            ctx.status(404).result("Not Found");
            return;
        }
        ctx.contentType(contentType).header("Cache-Control", "public, max-age=31536000, immutable").result(body);
    }

    // --- auth -------------------------------------------------------------------------------------------------

    private void register(Context ctx) {
        JsonNode body = jsonBody(ctx);
        String newEmail = body.path("email").asText("");
        String username = body.path("username").asText("");
        String newPassword = body.path("password").asText("");
        if (!newEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw invalid("email", "value is not a valid email address");
        }
        if (username.length() < 3 || username.length() > 50) {
            throw invalid("username", "String should have between 3 and 50 characters");
        }
        if (newPassword.length() < 8) {
            throw invalid("password", "String should have at least 8 characters");
        }
        if (users.containsKey(newEmail)) {
            throw new ApiError(400, "Email already registered");
        }
        Map<String, Object> user = Map.of("id", ids.incrementAndGet(), "email", newEmail, "username", username, "password", newPassword);
        users.put(newEmail, user);
        ctx.status(201).json(Map.of("id", user.get("id"), "email", newEmail, "username", username, "is_active", true,
                "created_at", Instant.now().toString()));
    }

    private void login(Context ctx) {
        BasicAuthCredentials basic = ctx.basicAuthCredentials();
        Map<String, Object> user = basic == null ? null : users.get(basic.getUsername());
        boolean passwordChecked = !faults.has(Sp404Fault.WRONG_PASSWORD_ACCEPTED);
        if (user == null || passwordChecked && !user.get("password").equals(basic.getPassword())) {
            ctx.header("WWW-Authenticate", "Basic");
            throw new ApiError(401, "Incorrect email or password");
        }
        Instant now = Instant.now();
        String access = Jwt.mintHs256(Map.of("sub", String.valueOf(user.get("id")), "type", "access"), jwtSecret, now, 1800);
        String refresh = Jwt.mintHs256(Map.of("sub", String.valueOf(user.get("id")), "type", "refresh"), jwtSecret, now, 7 * 86_400);
        ctx.json(Map.of("access_token", access, "refresh_token", refresh, "token_type", "bearer"));
    }

    private void requireBearer(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        boolean valid = token != null && Jwt.verifyHs256(token, jwtSecret, Instant.now())
                .filter(claims -> "access".equals(claims.path("type").asText())).isPresent();
        if (!valid) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "Could not validate credentials");
        }
    }

    // --- samples ----------------------------------------------------------------------------------------------

    private void listSamples(Context ctx) {
        int page = Math.max(1, intQuery(ctx, "page", 1));
        int limit = intQuery(ctx, "limit", 20);
        if (limit < 1 || limit > 100) {
            throw invalid("limit", "Input should be between 1 and 100");
        }
        String search = ctx.queryParam("search");
        String genre = ctx.queryParam("genre");
        Double bpmMin = doubleQuery(ctx, "bpm_min");
        Double bpmMax = doubleQuery(ctx, "bpm_max");
        List<Map<String, Object>> matching = samples.values().stream()
                .sorted(Comparator.comparingInt((Sample s) -> s.id).reversed())
                .map(Sample::json)
                .filter(f -> search == null || search.isBlank()
                        || String.valueOf(f.get("title")).toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT)))
                .filter(f -> genre == null || genre.isBlank() || genre.equalsIgnoreCase(String.valueOf(f.get("genre"))))
                .filter(f -> bpmMin == null || f.get("bpm") instanceof Double bpm && bpm >= bpmMin)
                .filter(f -> bpmMax == null || f.get("bpm") instanceof Double bpm && bpm <= bpmMax)
                .toList();
        List<Map<String, Object>> items = matching.subList(Math.min(matching.size(), (page - 1) * limit),
                Math.min(matching.size(), page * limit));
        ctx.json(Map.of("items", items, "total", matching.size(), "page", page, "limit", limit,
                "pages", (matching.size() + limit - 1) / limit));
    }

    private void upload(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
            throw invalid("file", "Field required");
        }
        String title = ctx.formParam("title");
        if (title == null || title.isBlank()) {
            throw invalid("title", "Field required");
        }
        String extension = file.extension().toLowerCase(Locale.ROOT);
        if (!AUDIO_EXTENSIONS.contains(extension)) {
            throw invalid("file", "unsupported file type '" + extension + "'; allowed: " + String.join(", ", new TreeSet<>(AUDIO_EXTENSIONS)));
        }
        byte[] audio;
        try (InputStream in = file.content()) {
            audio = in.readAllBytes();
        }
        Wav wav = null;
        if (extension.equals(".wav")) {
            try {
                wav = Wav.parse(audio);
            } catch (Wav.FormatException e) {
                throw invalid("file", "not a readable WAV file (" + e.getMessage() + ")");
            }
        }
        List<String> tags = new ArrayList<>();
        String tagText = ctx.formParam("tags");
        if (tagText != null && !tagText.isBlank()) {
            JsonNode parsed = JSON.readTree(tagText);
            if (!parsed.isArray()) {
                throw invalid("tags", "expected a JSON array of strings");
            }
            parsed.forEach(tag -> tags.add(tag.asText()));
        }
        Sample sample = store(title, ctx.formParam("genre"), doubleForm(ctx, "bpm"), ctx.formParam("musical_key"), tags,
                extension, audio, wav);
        ctx.status(201).json(sample.json());
    }

    private Sample store(String title, String genre, Double bpm, String key, List<String> tags, String extension,
                         byte[] audio, Wav wav) {
        int id = ids.incrementAndGet();
        Sample sample = new Sample(id, audio);
        String stored = id + "-" + UUID.randomUUID().toString().substring(0, 8) + extension;
        Map<String, Object> f = sample.fields;
        f.put("id", id);
        f.put("title", title);
        f.put("genre", genre == null || genre.isBlank() ? null : genre);
        f.put("bpm", bpm);
        f.put("musical_key", key == null || key.isBlank() ? null : key);
        f.put("tags", tags);
        f.put("file_url", "/files/samples/" + stored);
        f.put("duration", wav == null ? null : Math.round(wav.durationSeconds() * 1000) / 1000.0);
        f.put("sample_rate", wav == null ? null : wav.sampleRate());
        f.put("analysis_status", "pending");
        f.put("created_at", Instant.now().toString());
        samples.put(id, sample);
        return sample;
    }

    private Sample sample(Context ctx) {
        Sample sample = samples.get(intPath(ctx));
        if (sample == null) {
            throw notFound("Sample");
        }
        return sample;
    }

    private void deleteSample(Context ctx) {
        Sample sample = sample(ctx);
        samples.remove(sample.id);
        collectionSamples.values().forEach(members -> members.remove(sample.id));
        ctx.status(204);
    }

    private void sampleFile(Context ctx) {
        String url = "/files/samples/" + ctx.pathParam("name");
        Sample sample = samples.values().stream().filter(s -> url.equals(s.json().get("file_url"))).findFirst()
                .orElseThrow(() -> notFound("File"));
        String name = ctx.pathParam("name");
        ctx.contentType(name.endsWith(".wav") ? "audio/wav" : "application/octet-stream").result(sample.audio);
    }

    private void analyze(Context ctx) {
        Sample sample = sample(ctx);
        String jobId = UUID.randomUUID().toString();
        synchronized (sample.fields) {
            sample.fields.put("analysis_status", "processing");
        }
        if (!faults.has(Sp404Fault.ANALYSIS_NEVER_COMPLETES)) {
            analysisWorker.submit(() -> runAnalysis(sample));
        }
        ctx.status(202).json(Map.of("status", "processing", "message", "Analysis queued", "job_id", jobId));
    }

    private void runAnalysis(Sample sample) {
        Wav wav;
        try {
            wav = Wav.parse(sample.audio);
        } catch (Wav.FormatException e) {
            synchronized (sample.fields) {
                sample.fields.put("analysis_status", "failed");
            }
            return;
        }
        OptionalDouble bpm = Sp404Audio.bpm(wav);
        String key = Sp404Audio.key(wav);
        synchronized (sample.fields) {
            Double found = bpm.isPresent() ? bpm.getAsDouble() * (faults.has(Sp404Fault.ANALYSIS_WRONG_BPM) ? 2 : 1) : null;
            sample.fields.put("bpm", found);
            sample.fields.put("musical_key", key);
            sample.fields.put("analysis_status", "completed");
        }
        recordUsage("audio_analysis", "librosa", 0, 0, 0);
    }

    // --- the vibe WebSocket -----------------------------------------------------------------------------------

    private void startVibeStream(WsContext ws) {
        ws.session.setIdleTimeout(Duration.ofMinutes(5));
        Sample sample;
        try {
            sample = samples.get(Integer.parseInt(ws.pathParam("id")));
        } catch (NumberFormatException e) {
            sample = null;
        }
        if (sample == null) {
            send(ws, Map.of("type", "error", "message", "Sample " + ws.pathParam("id") + " not found"));
            ws.closeSession(1008, "sample not found");
            return;
        }
        send(ws, Map.of("type", "status", "status", "analyzing", "progress", 0, "timestamp", Instant.now().toString()));
        Sample analysed = sample;
        List<Map<String, Object>> frames = List.of(
                Map.of("type", "progress", "step", "loading_audio", "progress", 20),
                Map.of("type", "progress", "step", "extracting_features", "progress", 40),
                Map.of("type", "partial", "data", Map.of("mood", "focused")),
                Map.of("type", "progress", "step", "analyzing_vibe", "progress", 60),
                Map.of("type", "progress", "step", "generating_tags", "progress", 80),
                Map.of("type", "progress", "step", "finalizing", "progress", 100));
        for (int i = 0; i <= frames.size(); i++) {
            int step = i;
            vibeWorker.schedule(() -> {
                if (!ws.session.isOpen()) {
                    return;
                }
                if (step == frames.size()) {
                    send(ws, Map.of("type", "complete", "data", vibe(analysed)));
                    recordUsage("vibe_analysis", "reference/vibe-model", 420, 180, 0.0012);
                    return;
                }
                send(ws, frames.get(step));
                if (step == 0 && faults.has(Sp404Fault.WS_CLOSES_EARLY)) {
                    ws.closeSession(1011, "analysis worker lost");
                }
            }, 40L * (step + 1), TimeUnit.MILLISECONDS);
        }
    }

    private Map<String, Object> vibe(Sample sample) {
        Object bpm = sample.json().get("bpm");
        if (bpm == null) {
            try {
                OptionalDouble estimate = Sp404Audio.bpm(Wav.parse(sample.audio));
                bpm = estimate.isPresent() ? estimate.getAsDouble() : null;
            } catch (Wav.FormatException e) {
                bpm = null;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sample_id", sample.id);
        data.put("bpm", bpm);
        data.put("mood", "focused");
        data.put("energy", 0.7);
        data.put("textures", List.of("percussive", "dry"));
        data.put("compatible_genres", List.of("hip-hop", "lo-fi"));
        data.put("timestamp", Instant.now().toString());
        return data;
    }

    private static void send(WsContext ws, Map<String, Object> frame) {
        synchronized (ws.session) {
            if (ws.session.isOpen()) {
                ws.send(toJson(frame));
            }
        }
    }

    // --- collections and usage --------------------------------------------------------------------------------

    private void listCollections(Context ctx) {
        int skip = Math.max(0, intQuery(ctx, "skip", 0));
        int limit = Math.max(1, Math.min(100, intQuery(ctx, "limit", 50)));
        List<Map<String, Object>> all = collections.keySet().stream().sorted().map(this::collectionJson).toList();
        ctx.json(Map.of("items", all.subList(Math.min(all.size(), skip), Math.min(all.size(), skip + limit)), "total", all.size()));
    }

    private Map<String, Object> collectionJson(int id) {
        Map<String, Object> json = new LinkedHashMap<>(collections.get(id));
        json.put("sample_count", collectionSamples.getOrDefault(id, Set.of()).size());
        return json;
    }

    private void createCollection(Context ctx) {
        JsonNode body = jsonBody(ctx);
        String name = body.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 100) {
            throw invalid("name", "String should have between 1 and 100 characters");
        }
        int id = ids.incrementAndGet();
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("id", id);
        collection.put("name", name);
        collection.put("description", body.path("description").isTextual() ? body.path("description").asText() : null);
        collection.put("created_at", Instant.now().toString());
        collections.put(id, collection);
        collectionSamples.put(id, ConcurrentHashMap.newKeySet());
        ctx.status(201).json(collectionJson(id));
    }

    private void addToCollection(Context ctx) {
        int id = intPath(ctx);
        Set<Integer> members = collectionSamples.get(id);
        if (members == null) {
            throw notFound("Collection");
        }
        JsonNode sampleIds = jsonBody(ctx).path("sample_ids");
        if (!sampleIds.isArray() || sampleIds.isEmpty()) {
            throw invalid("sample_ids", "List should have at least 1 item");
        }
        Set<Integer> wanted = new LinkedHashSet<>();
        sampleIds.forEach(sampleId -> wanted.add(sampleId.asInt()));
        if (!samples.keySet().containsAll(wanted)) {
            throw notFound("Sample");
        }
        int before = members.size();
        if (faults.has(Sp404Fault.COLLECTION_ADD_IGNORED)) {
            ctx.json(Map.of("count", wanted.size()));
            return;
        }
        members.addAll(wanted);
        ctx.json(Map.of("count", members.size() - before));
    }

    private void usageSummary(Context ctx) {
        Map<String, Object> byOperation = new TreeMap<>();
        Map<String, Object> byModel = new TreeMap<>();
        double cost = 0;
        long input = 0;
        long output = 0;
        int calls;
        synchronized (usage) {
            calls = usage.size();
            for (Map<String, Object> call : usage) {
                cost += (double) call.get("cost");
                input += (long) call.get("input_tokens");
                output += (long) call.get("output_tokens");
                byOperation.merge((String) call.get("operation"), 1, (a, b) -> (int) a + (int) b);
                byModel.merge((String) call.get("model"), 1, (a, b) -> (int) a + (int) b);
            }
        }
        ctx.json(Map.of("total_cost", Math.round(cost * 1e6) / 1e6, "total_tokens", input + output, "input_tokens", input,
                "output_tokens", output, "call_count", calls, "by_operation", byOperation, "by_model", byModel));
    }

    private void recordUsage(String operation, String model, long input, long output, double cost) {
        synchronized (usage) {
            usage.add(Map.of("operation", operation, "model", model, "input_tokens", input, "output_tokens", output, "cost", cost));
        }
    }

    // --- kits and exports -------------------------------------------------------------------------------------

    private void createKit(Context ctx) {
        String name = jsonBody(ctx).path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 100) {
            throw invalid("name", "String should have between 1 and 100 characters");
        }
        Kit kit = new Kit(ids.incrementAndGet(), name, new ConcurrentHashMap<>());
        kits.put(kit.id(), kit);
        ctx.status(201).json(kitJson(kit));
    }

    private Kit kit(Context ctx) {
        Kit kit = kits.get(intPath(ctx));
        if (kit == null) {
            throw notFound("Kit");
        }
        return kit;
    }

    private Map<String, Object> kitJson(Kit kit) {
        List<Map<String, Object>> pads = new TreeMap<>(kit.pads()).entrySet().stream()
                .map(e -> Map.<String, Object>of("pad_bank", String.valueOf(PadConf.BANKS.charAt(e.getKey() / PadConf.PADS_PER_BANK)),
                        "pad_number", e.getKey() % PadConf.PADS_PER_BANK + 1, "sample_id", e.getValue()))
                .toList();
        return Map.of("id", kit.id(), "name", kit.name(), "pads", pads);
    }

    private void assignPad(Context ctx) {
        Kit kit = kit(ctx);
        JsonNode body = jsonBody(ctx);
        String bank = body.path("pad_bank").asText("");
        int pad = body.path("pad_number").asInt(0);
        if (bank.length() != 1 || PadConf.BANKS.indexOf(bank.charAt(0)) < 0) {
            throw invalid("pad_bank", "Input should be 'A' through 'J'");
        }
        if (pad < 1 || pad > PadConf.PADS_PER_BANK) {
            throw invalid("pad_number", "Input should be between 1 and 16");
        }
        int sampleId = body.path("sample_id").asInt(-1);
        if (!samples.containsKey(sampleId)) {
            throw notFound("Sample");
        }
        if (!faults.has(Sp404Fault.KIT_ASSIGN_IGNORED)) {
            kit.pads().put(PadConf.padIndex(bank.charAt(0), pad), sampleId);
        }
        ctx.status(201).json(Map.of("kit_id", kit.id(), "sample_id", sampleId, "pad_bank", bank, "pad_number", pad));
    }

    private void projectFromKit(Context ctx) {
        Kit kit = kit(ctx);
        JsonNode body = jsonBody(ctx);
        String name = body.path("project_name").asText("");
        double bpm = body.path("project_bpm").asDouble(-1);
        String format = body.path("audio_format").asText("wav");
        if (name.isEmpty() || name.length() > PadConf.NAME_MAX || !name.matches("[\\x20-\\x7e]+")) {
            throw invalid("project_name", "1 to 31 ASCII characters");
        }
        if (bpm < 20 || bpm > 300) {
            throw invalid("project_bpm", "Input should be between 20 and 300");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", false);
        result.put("export_id", null);
        result.put("project_name", name);
        result.put("sample_count", 0);
        result.put("file_size_bytes", 0);
        result.put("download_url", null);
        result.put("error_message", null);
        if (faults.has(Sp404Fault.PROJECT_EXPORT_FAILS)) {
            result.put("error_message", "Export worker unavailable");
        } else if (!format.equals("wav")) {
            result.put("error_message", "audio_format '" + format + "' is not supported by this deployment; use wav");
        } else if (kit.pads().isEmpty()) {
            result.put("error_message", "Kit has no samples assigned");
        } else {
            TreeMap<Integer, Sp404Exports.Pad> pads = new TreeMap<>();
            kit.pads().forEach((index, sampleId) -> {
                Sample sample = samples.get(sampleId);
                if (sample != null) {
                    pads.put(index, new Sp404Exports.Pad(index, String.valueOf(sample.json().get("title")), sample.audio));
                }
            });
            byte[] zip = exports.project(name, bpm, pads);
            String exportId = UUID.randomUUID().toString();
            downloads.put(exportId, zip);
            result.put("success", true);
            result.put("export_id", exportId);
            result.put("sample_count", pads.size());
            result.put("file_size_bytes", zip.length);
            result.put("download_url", "/api/v1/projects/download/" + exportId);
        }
        ctx.json(result);
    }

    private void exportSample(Context ctx) {
        Sample sample = sample(ctx);
        JsonNode body = jsonBody(ctx);
        if (!body.path("format").asText("wav").equals("wav")) {
            throw invalid("format", "Input should be 'wav'");
        }
        byte[] zip = exports.sample(String.valueOf(sample.json().get("title")), sample.audio);
        String exportId = UUID.randomUUID().toString();
        downloads.put(exportId, zip);
        ctx.json(Map.of("success", true, "export_id", exportId, "sample_count", 1, "file_size_bytes", zip.length,
                "download_url", "/api/v1/sp404/exports/" + exportId + "/download"));
    }

    private void download(Context ctx) {
        byte[] zip = downloads.get(ctx.pathParam("exportId"));
        if (zip == null) {
            throw notFound("Export");
        }
        ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"export.zip\"").result(zip);
    }

    // --- seed data and small helpers --------------------------------------------------------------------------

    /** Analysed two-second loops across genres and tempos, so listing, paging and filters have something to show. */
    /**
     * Test data created since start-up that still exists, by kind (kinds the API can delete only; none when a run
     * cleaned up after itself): the production-safety test holds a full run of the checks to leaving nothing.
     */
    public Map<String, Integer> leftovers() {
        Map<String, Integer> left = new java.util.TreeMap<>();
        census().forEach((kind, count) -> {
            if (!count.equals(seeded.get(kind))) {
                left.put(kind, count - seeded.get(kind));
            }
        });
        return left;
    }

    /** Project downloads are left out: export URLs cannot be deleted through the API. */
    private Map<String, Integer> census() {
        return Map.of("samples", samples.size(), "collections", collections.size(), "kits", kits.size());
    }

    private void seedLibrary() {
        List<String> genres = List.of("hip-hop", "lo-fi", "house", "trap");
        List<String> keys = List.of("C minor", "F major", "A minor", "D# major");
        for (int i = 0; i < SeedAudio.LOOPS.size(); i++) {
            SeedAudio loop = SeedAudio.LOOPS.get(i);
            String genre = genres.get(i % genres.size());
            Sample sample = store(String.format("Seed %s loop %02d", genre, i), genre, loop.bpm(), keys.get(i % keys.size()),
                    List.of("seed", genre), ".wav", loop.audio(), loop.wav());
            sample.fields.put("analysis_status", "completed");
        }
    }

    /**
     * The seed library's click tracks, rendered once per JVM: every stand-in serves the same 24 loops (never written
     * to), and rendering them was most of a start-up's time.
     */
    private record SeedAudio(double bpm, byte[] audio, Wav wav) {
        static final List<SeedAudio> LOOPS = IntStream.range(0, 24).mapToObj(i -> {
            double bpm = 70 + i * 4;
            byte[] audio = ClickTrack.wav(bpm, 2, Sp404Audio.SP404_SAMPLE_RATE);
            return new SeedAudio(bpm, audio, Wav.parse(audio));
        }).toList();
    }

    private static String queryOf(Context ctx) {
        String query = ctx.queryString();
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    private static int intPath(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "id: Input should be a valid integer");
        }
    }

    private static int intQuery(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "Input should be a valid integer");
        }
    }

    private static Double doubleQuery(Context ctx, String name) {
        return parseDouble(ctx.queryParam(name), name);
    }

    private static Double doubleForm(Context ctx, String name) {
        return parseDouble(ctx.formParam(name), name);
    }

    private static Double parseDouble(String value, String name) {
        try {
            return value == null || value.isBlank() ? null : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "Input should be a valid number");
        }
    }

    private static JsonNode jsonBody(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body());
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            throw new ApiError(400, "body: JSON decode error");
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** For the OpenAPI document: every route the stand-in serves under /api. */
    static Stream<String> apiPaths() {
        return Stream.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/samples/", "/api/v1/samples/{sample_id}",
                "/api/v1/samples/{sample_id}/analyze", "/api/v1/collections", "/api/v1/collections/{collection_id}",
                "/api/v1/collections/{collection_id}/samples", "/api/v1/usage/summary", "/api/v1/kits", "/api/v1/kits/{kit_id}",
                "/api/v1/kits/{kit_id}/assign", "/api/v1/projects/from-kit/{kit_id}", "/api/v1/projects/download/{export_id}",
                "/api/v1/sp404/samples/{sample_id}/export", "/api/v1/sp404/exports/{export_id}/download");
    }
}
