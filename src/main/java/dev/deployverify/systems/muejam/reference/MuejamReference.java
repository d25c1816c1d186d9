package dev.deployverify.systems.muejam.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.auth.Jwt;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.muejam.MuejamFault;
import dev.deployverify.reference.ReferenceServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MueJam Library as its brief describes it (Django REST Framework behind Clerk): the health family with database,
 * cache and disk detail, Bearer JWTs (HS256 with a per-run test secret, as test deployments accept), profiles,
 * stories with cursor pages and ETags, chapters, whispers limited to 10 a minute, reports with a moderator queue,
 * S3-style presigned POST uploads to a storage endpoint, {@code X-RateLimit-*} headers, and a plain-HTTP listener
 * that redirects to HTTPS. One instance per colour: the run starts a blue (live) and a green stack.
 */
public final class MuejamReference implements AutoCloseable {


    static final int WHISPERS_PER_MINUTE = 10;
    static final int RATE_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> UPLOAD_TYPES = Set.of("avatar", "cover", "whisper_media");
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");
    private static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

    private final Faults<MuejamFault> faults;
    private final String colour;
    private final String jwtSecret;
    private final String moderatorUserId;
    private final String storageSecret = random(24);
    private final Map<String, Map<String, Object>> profiles = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> stories = new ConcurrentHashMap<>();
    private final Map<String, Integer> seeded;
    private final Map<String, Map<String, Object>> chapters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> whispers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> reports = new ConcurrentHashMap<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> whisperTimes = new ConcurrentHashMap<>();
    private final Map<String, long[]> rateWindows = new ConcurrentHashMap<>();
    private final AtomicLong storyListRequests = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final ReferenceServer server;
    private final ReferenceServer plainHttp;

    /**
     * @param colour          "blue" or "green": reported as part of the version, so evidence shows which stack answered
     * @param jwtSecret       the test signing secret both stacks accept (one Clerk test instance)
     * @param moderatorUserId the user id holding the moderator role
     */
    public MuejamReference(Faults<MuejamFault> faults, String colour, String jwtSecret, String moderatorUserId) {
        this.faults = faults;
        this.colour = colour;
        this.jwtSecret = jwtSecret;
        this.moderatorUserId = moderatorUserId;
        seedStories();
        seeded = census();
        this.server = ReferenceServer.start(this::routes);
        this.plainHttp = ReferenceServer.start(this::plainHttpRoutes);
    }

    /** A fresh test signing secret, shared by the blue and the green stack. */
    public static String newTestSecret() {
        return random(32);
    }

    public String url() {
        return server.url();
    }

    public String plainHttpUrl() {
        return plainHttp.url();
    }

    @Override
    public void close() {
        server.close();
        plainHttp.close();
    }


    private void routes(JavalinConfig config) {
        config.routes.get("/health", this::health);
        config.routes.get("/health/ready", ctx -> {
            boolean up = !faults.has(MuejamFault.HEALTH_DOWN);
            ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ready" : "not ready"));
        });
        config.routes.get("/health/live", ctx -> {
            boolean up = !faults.has(MuejamFault.HEALTH_DOWN);
            ctx.status(up ? 200 : 503).json(Map.of("status", up ? "alive" : "dead"));
        });
        config.routes.get("/v1/health/", ctx -> {
            boolean up = !faults.has(MuejamFault.HEALTH_DOWN);
            ctx.status(up ? 200 : 503).json(Map.of("status", up ? "healthy" : "unhealthy", "timestamp", Instant.now().toString(),
                    "checks", Map.of("database", up ? "healthy" : "unhealthy", "cache", up ? "healthy" : "unhealthy")));
        });
        config.routes.before("/v1/*", this::rateLimitAndAuth);
        config.routes.get("/v1/users/me/", this::me);
        config.routes.get("/v1/stories/", this::listStories);
        config.routes.post("/v1/stories/", this::createStory);
        config.routes.get("/v1/stories/{slug}", this::getStory);
        config.routes.delete("/v1/stories/{id}", this::deleteStory);
        config.routes.post("/v1/stories/{id}/chapters/create", this::createChapter);
        config.routes.get("/v1/chapters/{id}", this::getChapter);
        config.routes.get("/v1/whispers/", this::listWhispers);
        config.routes.post("/v1/whispers/", this::postWhisper);
        config.routes.delete("/v1/whispers/{id}", this::deleteWhisper);
        config.routes.post("/v1/reports/", this::report);
        config.routes.get("/v1/reports/queue/", this::queue);
        config.routes.post("/v1/uploads/presign", this::presign);
        config.routes.post("/storage/upload", this::storageUpload);
        config.routes.get("/storage/objects/<key>", ctx -> {
            byte[] bytes = objects.get(ctx.pathParam("key"));
            if (bytes == null) {
                ctx.status(404).result("NoSuchKey");
            } else {
                ctx.result(bytes);
            }
        });
    }

    /** Port 80 behind the load balancer: Django's SECURE_SSL_REDIRECT, health excepted (the balancer probes it). */
    private void plainHttpRoutes(JavalinConfig config) {
        config.routes.get("/health", this::health);
        config.routes.get("/*", ctx -> {
            if (faults.has(MuejamFault.NO_HTTPS_REDIRECT)) {
                ctx.json(Map.of("detail", "served over plain HTTP"));
                return;
            }
            String host = Optional.ofNullable(ctx.header("Host")).orElse("127.0.0.1");
            ctx.status(301).header("Location", "https://" + host + ctx.path()
                    + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        });
    }

    private void health(Context ctx) {
        boolean down = faults.has(MuejamFault.HEALTH_DOWN);
        double diskUsed = faults.has(MuejamFault.DISK_85) ? 85.0 : 42.0;
        String diskStatus = diskUsed > 80 ? "degraded" : "healthy";
        Map<String, Object> database = Map.of("status", down ? "unhealthy" : "healthy", "latency_ms", 1.2,
                "message", down ? "connection refused" : "Database connection successful");
        Map<String, Object> cache = Map.of("status", down ? "unhealthy" : "healthy", "latency_ms", 0.4,
                "message", down ? "connection refused" : "Cache connection successful");
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("status", diskStatus);
        disk.put("percent_used", diskUsed);
        disk.put("total_gb", 100.0);
        disk.put("used_gb", diskUsed);
        disk.put("free_gb", 100.0 - diskUsed);
        disk.put("message", "Disk usage " + diskUsed + "%");
        boolean healthy = !down && diskStatus.equals("healthy");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "healthy" : "unhealthy");
        body.put("timestamp", Instant.now().getEpochSecond());
        body.put("response_time_ms", 2.1);
        body.put("version", "reference-1.0.0-" + colour);
        body.put("checks", Map.of("database", database, "cache", cache, "disk", disk));
        ctx.status(healthy ? 200 : 503).json(body);
    }

    /** django-ratelimit headers on every API route, then the Clerk Bearer token (HS256 test tokens here). */
    private void rateLimitAndAuth(Context ctx) {
        if (ctx.path().equals("/v1/health/")) {
            return; // the API's health probe is public, like /health
        }
        if (!faults.has(MuejamFault.NO_RATE_LIMIT_HEADERS)) {
            String key = Optional.ofNullable(ctx.header("Authorization")).orElse("ip:" + ctx.ip());
            long[] window = rateWindows.computeIfAbsent(key, k -> new long[]{System.currentTimeMillis(), 0});
            long used;
            long reset;
            synchronized (window) {
                long now = System.currentTimeMillis();
                if (now - window[0] >= 60_000) {
                    window[0] = now;
                    window[1] = 0;
                }
                used = ++window[1];
                reset = (window[0] + 60_000) / 1000;
            }
            ctx.header("X-RateLimit-Limit", String.valueOf(RATE_LIMIT));
            ctx.header("X-RateLimit-Remaining", String.valueOf(Math.max(0, RATE_LIMIT - used)));
            ctx.header("X-RateLimit-Reset", String.valueOf(reset));
        }
        String header = ctx.header("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        Optional<JsonNode> claims = faults.has(MuejamFault.AUTH_BYPASS) && token != null ? unverifiedClaims(token)
                : Jwt.verifyHs256(token, jwtSecret, Instant.now());
        String sub = claims.map(c -> c.path("sub").asText("")).orElse("");
        if (sub.isEmpty()) {
            ctx.status(401).json(Map.of("detail", token == null ? "Authentication credentials were not provided."
                    : "Invalid or expired token."));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute("userId", sub);
        profiles.computeIfAbsent(sub, id -> {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("id", UUID.randomUUID().toString());
            profile.put("clerk_user_id", id);
            profile.put("handle", "reader_" + Integer.toHexString(id.hashCode()));
            profile.put("display_name", "Reader " + id);
            profile.put("created_at", Instant.now().toString());
            return profile;
        });
    }

    private void me(Context ctx) {
        if (faults.has(MuejamFault.PROFILE_BROKEN)) {
            ctx.status(500).json(Map.of("detail", "A server error occurred."));
            return;
        }
        ctx.json(Map.of("data", profiles.get(userId(ctx))));
    }

    private void listStories(Context ctx) throws Exception {
        long n = storyListRequests.incrementAndGet();
        if (faults.has(MuejamFault.P95_REGRESSION) && n % 10 == 0) {
            Thread.sleep(600);
        }
        if (faults.has(MuejamFault.P99_STALL) && n % 50 == 0) {
            Thread.sleep(1100);
        }
        if (faults.has(MuejamFault.SERVER_ERRORS) && n % 20 == 0) {
            ctx.status(500).json(Map.of("detail", "A server error occurred."));
            return;
        }
        String published = ctx.queryParam("published");
        String authorId = ctx.queryParam("author_id");
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> story : stories.values()) {
            if ((published == null || String.valueOf(story.get("published")).equals(published))
                    && (authorId == null || authorId.equals(story.get("author_id")))) {
                all.add(story);
            }
        }
        all.sort(NEWEST_FIRST);
        page(ctx, all);
    }

    private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparing((Map<String, Object> m) -> (String) m.get("created_at"))
            .thenComparing(m -> (String) m.get("id")).reversed();

    /** One cursor page: the items after the cursor's (created_at, id) position, with ETag and Last-Modified. */
    private void page(Context ctx, List<Map<String, Object>> sorted) throws Exception {
        int pageSize;
        try {
            pageSize = Math.min(100, Math.max(1, Integer.parseInt(Optional.ofNullable(ctx.queryParam("page_size")).orElse("20"))));
        } catch (NumberFormatException e) {
            ctx.status(400).json(Map.of("detail", "page_size must be a number"));
            return;
        }
        int start = 0;
        String cursor = ctx.queryParam("cursor");
        if (cursor != null && !cursor.isBlank()) {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            while (start < sorted.size() && !position.equals(position(sorted.get(start)))) {
                start++;
            }
            if (!faults.has(MuejamFault.OVERLAPPING_CURSOR)) {
                start++; // the fault: the page starts at the cursor's own item, which the previous page ended with
            }
        }
        List<Map<String, Object>> items = sorted.subList(Math.min(start, sorted.size()), Math.min(start + pageSize, sorted.size()));
        String next = start + pageSize < sorted.size() && !items.isEmpty()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(position(items.get(items.size() - 1)).getBytes(StandardCharsets.UTF_8))
                : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", List.copyOf(items));
        body.put("next_cursor", next);
        byte[] json = JSON.writeValueAsBytes(body);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        if (faults.has(MuejamFault.ETAG_IGNORED)) {
            digest.update(Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8)); // as if the body carried a timestamp
        }
        String etag = "W/\"" + HexFormat.of().formatHex(digest.digest(json)).substring(0, 32) + "\"";
        String lastModified = items.stream().map(s -> (String) s.getOrDefault("updated_at", s.get("created_at"))).max(String::compareTo)
                .map(t -> DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse(t).atOffset(ZoneOffset.UTC)))
                .orElse(DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.EPOCH.atOffset(ZoneOffset.UTC)));
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", lastModified);
        ctx.header("Cache-Control", "private, max-age=0, must-revalidate");
        // Javalin itself also answers 304 when the ETag set here matches If-None-Match.
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(json);
    }

    private static String position(Map<String, Object> item) {
        return item.get("created_at") + "|" + item.get("id");
    }

    private void createStory(Context ctx) {
        JsonNode body = body(ctx);
        String title = body.path("title").asText("");
        String blurb = body.path("blurb").asText("");
        if (title.isBlank() || title.length() > 200 || blurb.length() > 1000) {
            ctx.status(400).json(Map.of("detail", "title is required (<= 200 characters); blurb <= 1000 characters"));
            return;
        }
        Map<String, Object> story = story(UUID.randomUUID().toString(), title, blurb, userId(ctx), false,
                body.path("cover_key").isTextual() ? body.path("cover_key").asText() : null, Instant.now());
        stories.put((String) story.get("id"), story);
        ctx.status(201).json(Map.of("data", story));
    }

    private void getStory(Context ctx) {
        Optional<Map<String, Object>> story = stories.values().stream()
                .filter(s -> s.get("slug").equals(ctx.pathParam("slug")) || s.get("id").equals(ctx.pathParam("slug"))).findFirst();
        if (story.isEmpty()) {
            ctx.status(404).json(Map.of("detail", "Not found."));
        } else {
            ctx.json(Map.of("data", story.get()));
        }
    }

    private void deleteStory(Context ctx) {
        Map<String, Object> story = stories.get(ctx.pathParam("id"));
        if (story == null) {
            ctx.status(404).json(Map.of("detail", "Not found."));
        } else if (!story.get("author_id").equals(userId(ctx))) {
            ctx.status(403).json(Map.of("detail", "You do not have permission to perform this action."));
        } else {
            stories.remove(ctx.pathParam("id"));
            chapters.values().removeIf(c -> ctx.pathParam("id").equals(c.get("story_id")));
            ctx.status(204);
        }
    }

    private void createChapter(Context ctx) {
        Map<String, Object> story = stories.get(ctx.pathParam("id"));
        if (story == null) {
            ctx.status(404).json(Map.of("detail", "Not found."));
            return;
        }
        if (!story.get("author_id").equals(userId(ctx))) {
            ctx.status(403).json(Map.of("detail", "You do not have permission to perform this action."));
            return;
        }
        JsonNode body = body(ctx);
        if (body.path("title").asText("").isBlank() || !body.path("content").isTextual() || body.path("chapter_number").asInt(0) < 1) {
            ctx.status(400).json(Map.of("detail", "title, content and chapter_number >= 1 are required"));
            return;
        }
        Map<String, Object> chapter = new LinkedHashMap<>();
        chapter.put("id", UUID.randomUUID().toString());
        chapter.put("story_id", story.get("id"));
        chapter.put("chapter_number", body.path("chapter_number").asInt());
        chapter.put("title", body.path("title").asText());
        chapter.put("content", body.path("content").asText());
        chapter.put("published", false);
        chapter.put("created_at", Instant.now().toString());
        if (!faults.has(MuejamFault.CHAPTER_NOT_SAVED)) {
            chapters.put((String) chapter.get("id"), chapter);
        }
        ctx.status(201).json(Map.of("data", chapter));
    }

    private void getChapter(Context ctx) {
        Map<String, Object> chapter = chapters.get(ctx.pathParam("id"));
        if (chapter == null) {
            ctx.status(404).json(Map.of("detail", "Not found."));
        } else {
            ctx.json(Map.of("data", chapter));
        }
    }

    private void listWhispers(Context ctx) throws Exception {
        String scope = Optional.ofNullable(ctx.queryParam("scope")).orElse("GLOBAL");
        List<Map<String, Object>> all = new ArrayList<>(whispers.values().stream().filter(w -> scope.equals(w.get("scope"))).toList());
        all.sort(NEWEST_FIRST);
        page(ctx, all);
    }

    private void postWhisper(Context ctx) {
        String user = userId(ctx);
        if (!faults.has(MuejamFault.NO_WHISPER_LIMIT)) {
            List<Long> times = whisperTimes.computeIfAbsent(user, u -> new ArrayList<>());
            synchronized (times) {
                long now = System.currentTimeMillis();
                times.removeIf(t -> now - t >= 60_000);
                if (times.size() >= WHISPERS_PER_MINUTE) {
                    long retryAfter = Math.max(1, (times.get(0) + 60_000 - now + 999) / 1000);
                    ctx.header("Retry-After", String.valueOf(retryAfter));
                    ctx.status(429).json(Map.of("detail", "Request was throttled. Expected available in " + retryAfter + " seconds."));
                    return;
                }
                times.add(now);
            }
        }
        JsonNode body = body(ctx);
        String content = body.path("content").asText("");
        String scope = body.path("scope").asText("");
        if (content.isBlank() || content.length() > 280 || !Set.of("GLOBAL", "STORY", "HIGHLIGHT").contains(scope)) {
            ctx.status(400).json(Map.of("detail", "content (<= 280 characters) and scope GLOBAL|STORY|HIGHLIGHT are required"));
            return;
        }
        Map<String, Object> whisper = new LinkedHashMap<>();
        whisper.put("id", UUID.randomUUID().toString());
        whisper.put("content", content);
        whisper.put("scope", scope);
        whisper.put("user_id", user);
        whisper.put("created_at", timestamp());
        if (!faults.has(MuejamFault.WHISPER_NOT_LISTED)) {
            whispers.put((String) whisper.get("id"), whisper);
        }
        ctx.status(201).json(Map.of("data", whisper));
    }

    private void deleteWhisper(Context ctx) {
        Map<String, Object> whisper = whispers.get(ctx.pathParam("id"));
        if (whisper != null && !whisper.get("user_id").equals(userId(ctx))) {
            ctx.status(403).json(Map.of("detail", "You do not have permission to perform this action."));
            return;
        }
        whispers.remove(ctx.pathParam("id"));
        ctx.status(204);
    }

    private void report(Context ctx) {
        JsonNode body = body(ctx);
        String type = body.path("content_type").asText("");
        String contentId = body.path("content_id").asText("");
        String reason = body.path("reason").asText("");
        if (!Set.of("story", "chapter", "whisper", "user").contains(type) || contentId.isBlank() || reason.isBlank() || reason.length() > 500) {
            ctx.status(400).json(Map.of("detail", "content_type, content_id and reason (<= 500 characters) are required"));
            return;
        }
        String key = userId(ctx) + "|" + type + "|" + contentId;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("id", UUID.randomUUID().toString());
        report.put("content_type", type);
        report.put("content_id", contentId);
        report.put("reason", reason);
        report.put("status", "PENDING");
        report.put("created_at", Instant.now().toString());
        Map<String, Object> existing = reports.putIfAbsent(faults.has(MuejamFault.DUPLICATE_REPORT_ACCEPTED) ? key + "|" + report.get("id") : key, report);
        if (existing != null) {
            ctx.status(409).json(Map.of("detail", "You have already reported this content."));
            return;
        }
        ctx.status(201).json(Map.of("data", report));
    }

    private void queue(Context ctx) {
        if (!moderatorUserId.equals(userId(ctx)) && !faults.has(MuejamFault.QUEUE_OPEN)) {
            ctx.status(403).json(Map.of("detail", "You do not have permission to perform this action."));
            return;
        }
        ctx.json(Map.of("data", List.copyOf(reports.values())));
    }

    /** An S3-style presigned POST: a policy naming the key, type and size, signed with the storage secret. */
    private void presign(Context ctx) throws Exception {
        JsonNode body = body(ctx);
        String type = body.path("type").asText("");
        String contentType = body.path("content_type").asText("");
        if (!UPLOAD_TYPES.contains(type) || !IMAGE_TYPES.contains(contentType)) {
            ctx.status(400).json(Map.of("detail", "type must be avatar|cover|whisper_media; content_type an image type"));
            return;
        }
        String key = "uploads/" + type + "/" + userId(ctx).replaceAll("[^A-Za-z0-9_-]", "_") + "/" + UUID.randomUUID() + extension(contentType);
        String policy = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(Map.of(
                "expiration", Instant.now().plusSeconds(3600).toString(),
                "conditions", List.of(Map.of("key", key), Map.of("Content-Type", contentType), List.of("content-length-range", 1, MAX_UPLOAD_BYTES)))));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("policy", policy);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-signature", HexFormat.of().formatHex(Jwt.hmacSha256(storageSecret, policy)));
        ctx.json(Map.of("url", server.url() + "/storage/upload", "fields", fields, "object_key", key, "max_size", MAX_UPLOAD_BYTES));
    }

    /** The storage endpoint: checks the signature and the policy's conditions, stores the file, answers 204 like S3. */
    private void storageUpload(Context ctx) throws Exception {
        String policy = ctx.formParam("policy");
        String signature = ctx.formParam("x-amz-signature");
        UploadedFile file = ctx.uploadedFile("file");
        if (faults.has(MuejamFault.UPLOAD_REFUSED) || policy == null || signature == null
                || !HexFormat.of().formatHex(Jwt.hmacSha256(storageSecret, policy)).equals(signature)) {
            ctx.status(403).contentType("application/xml").result("<Error><Code>SignatureDoesNotMatch</Code></Error>");
            return;
        }
        JsonNode conditions = JSON.readTree(Base64.getDecoder().decode(policy)).path("conditions");
        String key = conditions.path(0).path("key").asText();
        String contentType = conditions.path(1).path("Content-Type").asText();
        byte[] bytes = file == null ? new byte[0] : file.content().readAllBytes();
        if (!key.equals(ctx.formParam("key")) || !contentType.equals(ctx.formParam("Content-Type"))
                || bytes.length < 1 || bytes.length > MAX_UPLOAD_BYTES) {
            ctx.status(403).contentType("application/xml").result("<Error><Code>AccessDenied</Code><Message>Policy condition failed</Message></Error>");
            return;
        }
        objects.put(key, bytes);
        ctx.status(204);
    }

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

    /** Reports and stored objects are left out: the API offers no way to delete them. */
    private Map<String, Integer> census() {
        return Map.of("stories", stories.size(), "chapters", chapters.size(), "whispers", whispers.size());
    }

    private void seedStories() {
        Instant base = Instant.now().minusSeconds(86_400);
        for (int i = 0; i < 45; i++) {
            String author = "seed-author-" + (i % 7);
            Map<String, Object> story = story(UUID.randomUUID().toString(), "Seed story " + i, "A story to page through.",
                    author, true, null, base.plusSeconds(i * 60L));
            stories.put((String) story.get("id"), story);
        }
        for (int i = 0; i < 3; i++) {
            Map<String, Object> whisper = new LinkedHashMap<>();
            whisper.put("id", UUID.randomUUID().toString());
            whisper.put("content", "Seed whisper " + i);
            whisper.put("scope", "GLOBAL");
            whisper.put("user_id", "seed-author-" + i);
            whisper.put("created_at", base.plusSeconds(i).toString());
            whispers.put((String) whisper.get("id"), whisper);
        }
    }

    private Map<String, Object> story(String id, String title, String blurb, String author, boolean published, String coverKey, Instant at) {
        Map<String, Object> story = new LinkedHashMap<>();
        story.put("id", id);
        story.put("slug", title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "") + "-" + id.substring(0, 8));
        story.put("title", title);
        story.put("blurb", blurb);
        story.put("cover_key", coverKey);
        story.put("author_id", author);
        story.put("published", published);
        story.put("published_at", published ? at.toString() : null);
        story.put("created_at", at.toString());
        story.put("updated_at", at.toString());
        return story;
    }

    /** A creation time that sorts after every earlier one even within the same millisecond. */
    private String timestamp() {
        return Instant.now().plusNanos(sequence.incrementAndGet() % 1000).toString();
    }

    private static String userId(Context ctx) {
        return ctx.attribute("userId");
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body());
            return node == null ? JSON.createObjectNode() : node;
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<JsonNode> unverifiedClaims(String token) {
        String[] parts = token.split("\\.");
        try {
            return parts.length < 2 ? Optional.empty() : Optional.of(JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String extension(String contentType) {
        return "." + contentType.substring("image/".length()).replace("jpeg", "jpg");
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
