package dev.deployverify.systems.dawg.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.audio.ClickTrack;
import dev.deployverify.auth.Jwt;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.dawg.DawgFault;
import dev.deployverify.reference.Requests;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.reference.SocketIoServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DAWG AI as its brief describes it (Express 4 + socket.io 4, BullMQ on Redis, S3): health and the three dependency
 * endpoints, chat with intent and entity detection streamed to conversation rooms, paginated persisted
 * conversations, and beat generation as a real queue (worker threads, waiting -> active -> completed/failed,
 * progress events to room user:&lt;id&gt;) whose result is a click-track WAV at the requested tempo behind an
 * HMAC-signed, expiring URL. Token, test user and signing key are random per start.
 */
public final class DawgReference implements VerifiedSystem.StandIn {


    /**
     * How long a signed audio URL is valid: short, so the expiry check can watch one expire within a run, yet long
     * enough that the genuine URL is still valid when the run fetches it on a busy machine. X-Amz-Date has whole
     * seconds, so 2 s left as little as 1.1 s, and a starved run once fetched it too late.
     */
    static final long SIGNED_URL_TTL_SECONDS = 4;
    /** A host that never resolves (RFC 6761 reserves .invalid), for the audio-host-unresolvable fault. */
    private static final String UNRESOLVABLE_FILES_HOST = "http://files.deploy-verify.invalid";
    private static final int SAMPLE_RATE = 16_000;
    private static final long STEP_MS = 80;           // four steps: a beat takes ~0.3 s
    private static final long SLOW_STEP_MS = 300;     // four steps: ~1.2 s
    private static final int SOCKET_PING_MS = 500;
    private static final int BACKLOG_DELAYED_JOBS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern BPM = Pattern.compile("(\\d{2,3})\\s*bpm");
    private static final List<String> GENRES = List.of("trap", "drill", "lofi", "house", "techno", "boom bap", "hip hop", "r&b", "pop");

    private final Faults<DawgFault> faults;
    private final String token = Requests.randomToken(24);
    private final String testUserId = "deploy-verify-" + Requests.randomToken(6).toLowerCase(Locale.ROOT);
    private final byte[] signingKey = Requests.randomToken(32).getBytes(StandardCharsets.US_ASCII);
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final int seededConversations;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicLong jobCount = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong listRequests = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ExecutorService workers;
    private final SocketIoServer socketIo;
    private final ReferenceServer server;
    private final DawgInfraReference database;

    private static final class Conversation {
        final String id;
        final String userId;
        final String projectId;
        final String createdAt;
        volatile String updatedAt;
        final List<Map<String, Object>> messages = new ArrayList<>();

        Conversation(String id, String userId, String projectId, Instant at) {
            this.id = id;
            this.userId = userId;
            this.projectId = projectId;
            this.createdAt = at.toString();
            this.updatedAt = createdAt;
        }
    }

    private static final class Job {
        final String id;
        final String generationId = UUID.randomUUID().toString();
        final long number;
        final String userId;
        final JsonNode request;
        volatile String state = "waiting";
        volatile int progress;
        volatile Map<String, Object> result;
        volatile String error;

        Job(String id, long number, String userId, JsonNode request) {
            this.id = id;
            this.number = number;
            this.userId = userId;
            this.request = request;
        }
    }

    public DawgReference(Faults<DawgFault> faults) {
        this.faults = faults;
        seedConversations();
        seededConversations = conversations.size();
        this.socketIo = new SocketIoServer(this::authenticateSocket, SOCKET_PING_MS, false)
                .on("join:conversation", (connection, payload) -> connection.join("conversation:" + idOf(payload)))
                .onAck("ping", (connection, payload) -> {
                    if (faults.has(DawgFault.WS_LAG) && pings.incrementAndGet() % 5 == 0) {
                        pause(150);
                    }
                    return Map.of("pong", Instant.now().toEpochMilli());
                });
        if (faults.has(DawgFault.WS_DROP)) {
            socketIo.dropConnectionsAfter(1000);
        }
        this.workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dawg-generation-worker");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < 2; i++) {
            workers.execute(this::work);
        }
        this.server = ReferenceServer.start(this::routes);
        try {
            this.database = new DawgInfraReference(faults);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The variables local.yaml reads as ${reference.dawg.*}. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("reference.dawg.url", server.url());
        v.put("reference.dawg.testToken", token);
        v.put("reference.dawg.testUserId", testUserId);
        v.putAll(database.variables());
        return v;
    }

    @Override
    public void close() {
        stopping.countDown();
        workers.shutdownNow();
        server.close();
        socketIo.close();
        if (database != null) {
            database.close();
        }
    }


    private void routes(JavalinConfig config) {
        config.routes.before("/api/*", this::edge);
        config.routes.get("/health", this::health);
        config.routes.get("/api/health/db", ctx -> dependencyHealth(ctx, "database"));
        config.routes.get("/api/health/redis", ctx -> dependencyHealth(ctx, "redis"));
        config.routes.get("/api/health/s3", ctx -> dependencyHealth(ctx, "s3"));
        config.routes.post("/api/chat/message", this::chatMessage);
        config.routes.get("/api/chat/conversations", this::listConversations);
        config.routes.get("/api/chat/conversations/{id}", this::conversation);
        config.routes.delete("/api/chat/conversations/{id}", this::deleteConversation);
        config.routes.post("/api/generate/beat", this::generateBeat);
        config.routes.get("/api/generate/status/{jobId}", this::status);
        config.routes.get("/api/generate/result/{jobId}", this::result);
        config.routes.get("/api/generate/queue/stats", this::queueStats);
        config.routes.get("/files/generated/{userId}/{file}", this::signedFile);
        if (!faults.has(DawgFault.WS_DOWN)) {
            socketIo.install(config, "/socket.io/");
        }
    }

    /** Bearer auth when a token is presented (the public code trusts x-user-id), and the server-errors fault. */
    private void edge(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.equals("Bearer " + token)) {
            ctx.status(401).json(Map.of("success", false, "error", "Invalid token"));
            ctx.skipRemainingHandlers();
            return;
        }
        if (faults.has(DawgFault.SERVER_ERRORS) && apiRequests.incrementAndGet() % 20 == 0) {
            ctx.status(500).json(Map.of("success", false, "error", "Internal server error"));
            ctx.skipRemainingHandlers();
        }
    }

    private void health(Context ctx) {
        if (faults.has(DawgFault.HEALTH_DOWN)) {
            ctx.status(503).json(Map.of("status", "unhealthy", "service", "unified-backend"));
            return;
        }
        Map<String, String> services = new LinkedHashMap<>();
        services.put("main", "healthy");
        for (String dependency : List.of("database", "redis", "s3")) {
            services.put(dependency, isDown(dependency) ? "unhealthy" : "healthy");
        }
        boolean healthy = !services.containsValue("unhealthy");
        ctx.json(Map.of("status", healthy ? "healthy" : "degraded", "service", "unified-backend", "services", services,
                "timestamp", Instant.now().toString(), "version", "2.0.0"));
    }

    private boolean isDown(String dependency) {
        return faults.has(switch (dependency) {
            case "database" -> DawgFault.DATABASE_DOWN;
            case "redis" -> DawgFault.REDIS_DOWN;
            case "s3" -> DawgFault.S3_DOWN;
            default -> throw new IllegalArgumentException("no such dependency: " + dependency);
        });
    }

    private void dependencyHealth(Context ctx, String dependency) {
        long start = System.nanoTime();
        if (isDown(dependency)) {
            ctx.status(503).json(Map.of("status", "unhealthy", "error", dependency + " unreachable: connect ECONNREFUSED"));
            return;
        }
        ctx.json(Map.of("status", "healthy", "latencyMs", (System.nanoTime() - start) / 1_000_000));
    }

    private void chatMessage(Context ctx) {
        if (faults.has(DawgFault.CHAT_DOWN)) {
            ctx.status(500).json(Map.of("error", "AI provider error: upstream timed out"));
            return;
        }
        JsonNode body = Requests.jsonBody(ctx);
        String userId = body.path("userId").asText(ctx.header("x-user-id") == null ? "" : ctx.header("x-user-id"));
        String message = body.path("message").asText("");
        if (userId.isBlank() || message.isBlank() || message.length() > 2000) {
            ctx.status(400).json(Map.of("error", "userId and message (1-2000 characters) are required"));
            return;
        }
        String conversationId = body.path("conversationId").asText("");
        Conversation conversation = conversations.computeIfAbsent(conversationId.isBlank() ? UUID.randomUUID().toString() : conversationId,
                id -> new Conversation(id, userId, body.path("projectId").asText(null), Instant.now()));
        if (!conversation.userId.equals(userId)) {
            ctx.status(403).json(Map.of("error", "conversation belongs to another user"));
            return;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        Map<String, Object> entities = new LinkedHashMap<>();
        GENRES.stream().filter(lower::contains).findFirst().ifPresent(genre -> entities.put("genre", genre));
        Matcher bpm = BPM.matcher(lower);
        if (bpm.find()) {
            entities.put("bpm", Integer.parseInt(bpm.group(1)));
        }
        boolean beatRequest = lower.matches(".*\\b(create|make|generate|produce)\\b.*")
                && lower.matches(".*\\b(beat|track|instrumental|loop)s?\\b.*");
        if (faults.has(DawgFault.INTENT_MISSED)) {
            beatRequest = false;
            entities.clear();
        }
        String intent = beatRequest ? "generate_beat" : "general_chat";
        String reply = beatRequest
                ? "Got it: a " + entities.getOrDefault("genre", "custom") + " beat at " + entities.getOrDefault("bpm", 120)
                + " BPM. I can start generating it now."
                : "Tell me what you would like to create.";
        String followUp = beatRequest ? "Which key should it be in?" : "Would you like a beat, a melody or lyrics?";
        if (!faults.has(DawgFault.MESSAGE_NOT_PERSISTED)) {
            synchronized (conversation) {
                conversation.messages.add(message("user", message));
                conversation.messages.add(message("assistant", reply));
                conversation.updatedAt = Instant.now().toString();
            }
        }
        if (!faults.has(DawgFault.CHAT_NOT_STREAMED)) {
            String room = "conversation:" + conversation.id;
            String[] words = reply.split("(?<= )");
            for (int i = 0; i < words.length; i++) {
                socketIo.emitToRoom(room, "chat:stream", Map.of("conversationId", conversation.id, "chunk", words[i], "index", i));
            }
            socketIo.emitToRoom(room, "chat:complete", Map.of("conversationId", conversation.id, "message", reply));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("conversationId", conversation.id);
        response.put("message", reply);
        response.put("intent", intent);
        response.put("entities", entities);
        response.put("followUpQuestion", followUp);
        response.put("provider", "reference");
        response.put("tokensUsed", message.length() / 4 + reply.length() / 4);
        response.put("cost", 0.0);
        ctx.json(response);
    }

    private static Map<String, Object> message(String role, String content) {
        return Map.of("id", UUID.randomUUID().toString(), "role", role, "content", content, "createdAt", Instant.now().toString());
    }

    private void listConversations(Context ctx) {
        if (faults.has(DawgFault.SLOW_API) && listRequests.incrementAndGet() % 10 == 0) {
            pause(300);
        }
        String userId = ctx.queryParam("userId") != null ? ctx.queryParam("userId") : ctx.header("x-user-id");
        if (userId == null || userId.isBlank()) {
            ctx.status(400).json(Map.of("error", "userId is required"));
            return;
        }
        int limit = Math.min(100, Math.max(1, Requests.intParam(ctx, "limit", 20)));
        int offset = Math.max(0, Requests.intParam(ctx, "offset", 0));
        if (faults.has(DawgFault.PAGINATION_OVERLAP) && offset > 0) {
            offset--;
        }
        List<Conversation> mine = conversations.values().stream()
                .filter(c -> c.userId.equals(userId) || faults.has(DawgFault.CONVERSATIONS_LEAK_USERS))
                .sorted(Comparator.comparing((Conversation c) -> c.updatedAt).reversed().thenComparing(c -> c.id)).toList();
        List<Map<String, Object>> page = new ArrayList<>();
        for (Conversation c : mine.subList(Math.min(offset, mine.size()), Math.min(offset + limit, mine.size()))) {
            synchronized (c) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("id", c.id);
                summary.put("userId", c.userId);
                summary.put("projectId", c.projectId);
                summary.put("createdAt", c.createdAt);
                summary.put("updatedAt", c.updatedAt);
                summary.put("messageCount", c.messages.size());
                summary.put("lastMessage", c.messages.isEmpty() ? null : c.messages.get(c.messages.size() - 1).get("content"));
                page.add(summary);
            }
        }
        ctx.json(Map.of("conversations", page, "total", mine.size()));
    }

    private void conversation(Context ctx) {
        Conversation c = conversations.get(ctx.pathParam("id"));
        if (c == null || faults.has(DawgFault.CONVERSATION_DETAILS_MISSING)) {
            ctx.status(404).json(Map.of("error", "Conversation not found"));
            return;
        }
        synchronized (c) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", c.id);
            body.put("userId", c.userId);
            body.put("projectId", c.projectId);
            body.put("createdAt", c.createdAt);
            body.put("updatedAt", c.updatedAt);
            List<Map<String, Object>> messages = new ArrayList<>(c.messages);
            if (faults.has(DawgFault.HISTORY_UNORDERED)) {
                java.util.Collections.reverse(messages);
            }
            body.put("messages", messages);
            ctx.json(body);
        }
    }

    private void deleteConversation(Context ctx) {
        ctx.status(conversations.remove(ctx.pathParam("id")) == null ? 404 : 204);
    }

    private void generateBeat(Context ctx) {
        String userId = ctx.header("x-user-id");
        JsonNode body = Requests.jsonBody(ctx);
        List<String> details = new ArrayList<>();
        if (userId == null || userId.isBlank()) {
            details.add("x-user-id header is required");
        }
        if (body.path("genre").asText("").isBlank()) {
            details.add("genre is required");
        }
        if (body.has("bpm") && (!body.path("bpm").canConvertToInt() || body.path("bpm").asInt() < 60 || body.path("bpm").asInt() > 200)) {
            details.add("bpm must be 60..200");
        }
        if (body.has("duration") && (body.path("duration").asInt() < 15 || body.path("duration").asInt() > 300)) {
            details.add("duration must be 15..300");
        }
        if (!details.isEmpty()) {
            ctx.status(400).json(Map.of("success", false, "error", "Validation error", "details", details));
            return;
        }
        Job job = new Job(UUID.randomUUID().toString(), jobCount.incrementAndGet(), userId, body);
        jobs.put(job.id, job);
        queue.add(job);
        ctx.status(202).json(Map.of("success", true, "message", "Beat generation job queued", "jobId", job.id,
                "generationId", job.generationId));
    }

    /** A worker thread: takes jobs off the queue and renders them, emitting progress to the user's room. */
    private void work() {
        while (stopping.getCount() > 0) {
            Job job;
            try {
                job = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job != null) {
                try {
                    render(job);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void render(Job job) throws InterruptedException {
        String room = "user:" + job.userId;
        job.state = "active";
        socketIo.emitToRoom(room, "generation:started", Map.of("jobId", job.id, "generationId", job.generationId,
                "type", "beat", "timestamp", Instant.now().toString()));
        long step = faults.has(DawgFault.SLOW_GENERATION) ? SLOW_STEP_MS : STEP_MS;
        String[][] stages = {{"10", "analyzing request"}, {"35", "composing pattern"}, {"70", "rendering audio"}, {"90", "uploading to storage"}};
        for (String[] stage : stages) {
            Thread.sleep(step); // the work a real render takes
            job.progress = Integer.parseInt(stage[0]);
            if (faults.has(DawgFault.JOBS_STALL)) {
                stopping.await(); // the worker hangs: the job stays active
                return;
            }
            if (faults.has(DawgFault.JOBS_FAIL) && job.number % 3 == 0 && job.progress == 70) {
                job.state = "failed";
                job.error = "Audio rendering failed: synth engine crashed";
                failed.incrementAndGet();
                socketIo.emitToRoom(room, "generation:failed", Map.of("jobId", job.id, "error", job.error));
                return;
            }
            if (!faults.has(DawgFault.NO_PROGRESS)) {
                socketIo.emitToRoom(room, "generation:progress", Map.of("jobId", job.id, "generationId", job.generationId,
                        "percent", job.progress, "stage", stage[1], "timestamp", Instant.now().toString()));
            }
        }
        int bpm = job.request.path("bpm").asInt(120);
        int duration = job.request.path("duration").asInt(15);
        String path = "/files/generated/" + job.userId + "/" + job.generationId + ".wav";
        files.put(path, faults.has(DawgFault.AUDIO_NOT_AUDIO)
                ? "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8)
                : ClickTrack.wav(bpm, duration, SAMPLE_RATE));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("audioUrl", (faults.has(DawgFault.AUDIO_HOST_UNRESOLVABLE) ? UNRESOLVABLE_FILES_HOST : server.url()) + sign(path, Instant.now()));
        result.put("duration", duration);
        result.put("genre", job.request.path("genre").asText());
        result.put("bpm", bpm);
        result.put("key", job.request.path("key").asText("C"));
        result.put("mood", job.request.path("mood").asText(null));
        result.put("stems", List.of());
        result.put("metadata", Map.of("format", "wav", "sampleRate", SAMPLE_RATE, "bpm", bpm));
        job.result = result;
        job.progress = 100;
        job.state = "completed";
        completed.incrementAndGet();
        socketIo.emitToRoom(room, "generation:completed", Map.of("jobId", job.id, "generationId", job.generationId,
                "result", result, "timestamp", Instant.now().toString()));
    }

    /** S3-style query signature: HMAC-SHA256 over path, date and lifetime. */
    private String sign(String path, Instant date) {
        if (faults.has(DawgFault.SIGNED_URL_UNCHECKED)) {
            return path;
        }
        long expires = SIGNED_URL_TTL_SECONDS;
        String amzDate = AMZ_DATE.format(date);
        return path + "?X-Amz-Date=" + amzDate + "&X-Amz-Expires=" + expires + "&X-Amz-Signature=" + signature(path, amzDate, String.valueOf(expires));
    }

    private String signature(String path, String amzDate, String expires) {
        return HexFormat.of().formatHex(Jwt.hmacSha256(new String(signingKey, StandardCharsets.US_ASCII), path + "\n" + amzDate + "\n" + expires));
    }

    private void signedFile(Context ctx) {
        if (isDown("s3")) {
            ctx.status(503).result("S3 unreachable");
            return;
        }
        String path = ctx.path();
        String amzDate = ctx.queryParam("X-Amz-Date");
        String expires = ctx.queryParam("X-Amz-Expires");
        String given = ctx.queryParam("X-Amz-Signature");
        if (faults.has(DawgFault.SIGNED_URL_UNCHECKED)) {
            serveFile(ctx, path);
            return;
        }
        if (amzDate == null || expires == null || given == null) {
            ctx.status(403).result("AccessDenied: missing signature");
            return;
        }
        boolean validSignature = MessageDigest.isEqual(signature(path, amzDate, expires).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
        if (!validSignature) {
            ctx.status(403).result("SignatureDoesNotMatch");
            return;
        }
        Instant expiry;
        try {
            expiry = AMZ_DATE.parse(amzDate, Instant::from).plusSeconds(Long.parseLong(expires));
        } catch (RuntimeException e) {
            ctx.status(403).result("AccessDenied: malformed expiry");
            return;
        }
        if (Instant.now().isAfter(expiry) && !faults.has(DawgFault.SIGNED_URL_NEVER_EXPIRES)) {
            ctx.status(403).result("AccessDenied: Request has expired");
            return;
        }
        serveFile(ctx, path);
    }

    private void serveFile(Context ctx, String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            ctx.status(404).result("NoSuchKey");
            return;
        }
        ctx.contentType("audio/wav").result(bytes);
    }

    private void status(Context ctx) {
        Job job = jobs.get(ctx.pathParam("jobId"));
        if (job == null) {
            ctx.status(404).json(Map.of("error", "Job not found"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", job.id);
        body.put("state", job.state);
        body.put("progress", job.progress);
        if (job.error != null) {
            body.put("error", job.error);
        }
        ctx.json(body);
    }

    private void result(Context ctx) {
        Job job = jobs.get(ctx.pathParam("jobId"));
        if (job == null) {
            ctx.status(404).json(Map.of("error", "Job not found"));
        } else if (job.result == null) {
            ctx.status(409).json(Map.of("jobId", job.id, "state", job.state, "error", "Job has no result yet"));
        } else {
            ctx.json(Map.of("jobId", job.id, "state", job.state, "result", job.result));
        }
    }

    private void queueStats(Context ctx) {
        long waiting = jobs.values().stream().filter(j -> j.state.equals("waiting")).count();
        long active = jobs.values().stream().filter(j -> j.state.equals("active")).count();
        ctx.json(Map.of("waiting", waiting, "active", active, "completed", completed.get(), "failed", failed.get(),
                "delayed", faults.has(DawgFault.QUEUE_BACKLOG) ? BACKLOG_DELAYED_JOBS : 0));
    }

    private SocketIoServer.Decision authenticateSocket(SocketIoServer.Handshake handshake) {
        String userId = handshake.auth().path("userId").asText("");
        if (userId.isBlank()) {
            return SocketIoServer.Decision.refuse("userId is required");
        }
        return SocketIoServer.Decision.accept(Set.of("user:" + userId), List.of());
    }

    /** The test user starts with a history: a dozen conversations of two messages each, a minute apart; another user has three. */
    /**
     * Generation jobs and their audio are left out: the API offers no way to delete them.
     * Test data created since start-up that still exists, by kind (kinds the API can delete only; none when a run
     * cleaned up after itself): the production-safety test holds a full run of the checks to leaving nothing.
     */
    public Map<String, Integer> leftovers() {
        int left = conversations.size() - seededConversations;
        return left == 0 ? Map.of() : Map.of("conversations", left);
    }

    private void seedConversations() {
        Instant base = Instant.now().minusSeconds(86_400);
        for (int i = 0; i < 15; i++) {
            String owner = i < 12 ? testUserId : "another-user";
            Conversation c = new Conversation(UUID.randomUUID().toString(), owner, "project-" + (i % 3), base.plusSeconds(i * 60L));
            c.messages.add(Map.of("id", UUID.randomUUID().toString(), "role", "user", "content", "seed message " + i,
                    "createdAt", base.plusSeconds(i * 60L).toString()));
            c.messages.add(Map.of("id", UUID.randomUUID().toString(), "role", "assistant", "content", "seed reply " + i,
                    "createdAt", base.plusSeconds(i * 60L + 1).toString()));
            c.updatedAt = base.plusSeconds(i * 60L + 1).toString();
            conversations.put(c.id, c);
        }
    }

    private static String idOf(JsonNode payload) {
        return payload.isTextual() ? payload.asText() : payload.path("conversationId").asText(payload.path("id").asText());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the fault: a slow server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
