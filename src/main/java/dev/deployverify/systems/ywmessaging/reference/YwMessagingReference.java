package dev.deployverify.systems.ywmessaging.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.auth.Jwt;
import dev.deployverify.reference.ExpressRateLimit;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.ywmessaging.YwMessagingFault;
import dev.deployverify.reference.Requests;
import dev.deployverify.reference.ReferenceServer;
import dev.deployverify.reference.SocketIoServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
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
 * YWMessaging as its brief describes it (Express 4 + socket.io 4): health trio, login with HS256 JWTs and httpOnly
 * cookies, messages and paginated conversations, socket.io events to the tenant room, Stripe- and Telnyx-signed
 * webhooks, express-rate-limit and helmet headers, CORS. Credentials are random per start.
 */
public final class YwMessagingReference implements VerifiedSystem.StandIn {


    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWED_ORIGIN = "https://app.ywmessaging.com";
    /**
     * The limits the real code configures (the brief's "Edge behaviour"), per client IP and 15-minute window: 50 on
     * all of /api (mounted ahead of the others), 100 on the routers (whose headers the answers show), 5 failed logins.
     */
    static final int API_LIMIT = 50;
    static final int ROUTER_LIMIT = 100;
    static final int FAILED_LOGIN_LIMIT = 5;
    /** The same stand-in addressed as localhost (relaxedUrl): a deployment whose limiters allow verification runs more. */
    static final int RELAXED_API_LIMIT = 1000;
    static final int RELAXED_ROUTER_LIMIT = 2000;
    private static final Duration RATE_WINDOW = Duration.ofMinutes(15);

    private final Faults<YwMessagingFault> faults;
    private final String jwtSecret = Requests.randomToken(32);
    private final String email = "admin-" + Requests.randomToken(4).toLowerCase() + "@reference.invalid";
    private final String password = "pw-" + Requests.randomToken(12);
    private final String stripeSecret = "whsec_" + Requests.randomToken(24);
    private final KeyPair telnyxKeys = ed25519();
    private final String adminId = UUID.randomUUID().toString();
    private final String churchId = UUID.randomUUID().toString();
    private final String testMemberId = UUID.randomUUID().toString();
    private final Map<String, Map<String, Object>> conversations = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> members = new ConcurrentHashMap<>();
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong conversationRequests = new AtomicLong();
    private final ExpressRateLimit apiLimiter = new ExpressRateLimit(API_LIMIT, RATE_WINDOW);
    private final ExpressRateLimit routerLimiter = new ExpressRateLimit(ROUTER_LIMIT, RATE_WINDOW);
    private final ExpressRateLimit relaxedApiLimiter = new ExpressRateLimit(RELAXED_API_LIMIT, RATE_WINDOW);
    private final ExpressRateLimit relaxedRouterLimiter = new ExpressRateLimit(RELAXED_ROUTER_LIMIT, RATE_WINDOW);
    private final ExpressRateLimit failedLogins = new ExpressRateLimit(FAILED_LOGIN_LIMIT, RATE_WINDOW);
    private final long startedAt = System.currentTimeMillis();
    private final SocketIoServer socketIo;
    private final ReferenceServer server;
    private final YwInfraReference infra;

    public YwMessagingReference(Faults<YwMessagingFault> faults) {
        this.faults = faults;
        seedMembers();
        this.socketIo = new SocketIoServer(this::authenticateSocket, 25_000, faults.has(YwMessagingFault.WS_SILENT));
        this.server = ReferenceServer.start(this::routes);
        try {
            this.infra = new YwInfraReference(faults);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The variables local.yaml reads as ${reference.ywmessaging.*}. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("reference.ywmessaging.url", server.url());
        v.put("reference.ywmessaging.wsUrl", server.url().replaceFirst("^http", "ws"));
        // The same server under another name, where its /api limiters allow 1000/2000 a window instead of 50/100:
        // a deployment that gives verification runs a higher budget (the perf selftests sample /api 200 times there).
        v.put("reference.ywmessaging.relaxedUrl", "http://localhost:" + server.port());
        v.put("reference.ywmessaging.email", email);
        v.put("reference.ywmessaging.password", password);
        v.put("reference.ywmessaging.stripeWebhookSecret", stripeSecret);
        v.put("reference.ywmessaging.telnyxPrivateKey", Base64.getEncoder().encodeToString(telnyxKeys.getPrivate().getEncoded()));
        v.put("reference.ywmessaging.testMemberId", testMemberId);
        v.putAll(infra.variables());
        return v;
    }

    @Override
    public void close() {
        server.close();
        socketIo.close();
        if (infra != null) {
            infra.close();
        }
    }


    private void routes(JavalinConfig config) {
        config.routes.before(this::edge);
        config.routes.addHttpHandler(HandlerType.OPTIONS, "/*", ctx -> ctx.status(204));

        config.routes.get("/health", ctx -> {
            if (faults.has(YwMessagingFault.HEALTH_DOWN)) {
                ctx.status(503).json(Map.of("status", "error", "timestamp", Instant.now().toString()));
                return;
            }
            ctx.json(Map.of("status", "ok", "timestamp", Instant.now().toString(), "version", "reference-1.0.0"));
        });
        config.routes.get("/health/detailed", ctx -> {
            boolean degraded = faults.has(YwMessagingFault.HEALTH_DEGRADED);
            Map<String, String> checks = new LinkedHashMap<>();
            checks.put("database", degraded ? "failed" : "ok");
            checks.put("redis", "ok");
            checks.put("application", "ok");
            ctx.status(degraded ? 503 : 200).json(Map.of("status", degraded ? "degraded" : "healthy",
                    "checks", checks, "timestamp", Instant.now().toString()));
        });
        config.routes.get("/health/ready", ctx -> {
            if (faults.has(YwMessagingFault.HEALTH_DEGRADED)) {
                ctx.status(503).json(Map.of("ready", false, "database", "failed", "redis", "ok"));
            } else {
                ctx.json(Map.of("ready", true, "timestamp", Instant.now().toString()));
            }
        });
        config.routes.get("/health/live", ctx -> ctx.json(Map.of("alive", true,
                "uptime", (System.currentTimeMillis() - startedAt) / 1000.0, "timestamp", Instant.now().toString())));

        config.routes.post("/api/auth/login", this::login);
        config.routes.before("/api/messages/*", this::requireToken);
        config.routes.post("/api/messages/send", this::send);
        config.routes.get("/api/messages/conversations", this::conversations);
        config.routes.post("/api/webhooks/stripe", this::stripeWebhook);
        config.routes.post("/api/webhooks/telnyx/status", this::telnyxWebhook);
        socketIo.install(config, "/socket.io/");
    }

    /** helmet, cors and express-rate-limit, as the service mounts them in front of every route. */
    private void edge(Context ctx) {
        if (!faults.has(YwMessagingFault.MISSING_SECURITY_HEADERS)) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            ctx.header("X-Frame-Options", "DENY");
        }
        ctx.header("Content-Security-Policy", "default-src 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");

        String origin = ctx.header("Origin");
        if (origin != null && (origin.equals(ALLOWED_ORIGIN) || faults.has(YwMessagingFault.CORS_ANY_ORIGIN))) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Credentials", "true");
            ctx.header("Vary", "Origin");
            if (ctx.method() == HandlerType.OPTIONS) {
                ctx.header("Access-Control-Allow-Methods", "GET,POST,PUT,PATCH,DELETE");
                ctx.header("Access-Control-Allow-Headers", "Content-Type,Authorization");
            }
        }
        if (!ctx.path().startsWith("/api/")) {
            return;
        }
        if (!withinRateLimits(ctx)) {
            ctx.skipRemainingHandlers();
            return;
        }
        if (faults.has(YwMessagingFault.SERVER_ERRORS) && apiRequests.incrementAndGet() % 50 == 0) {
            ctx.status(500).json(Map.of("error", "Internal server error"));
            ctx.skipRemainingHandlers();
        }
    }

    /**
     * express-rate-limit as the real code mounts it: the 50-per-IP limiter on all of /api first (its 429 shows its
     * own headers), then the router's 100-per-IP limiter, whose headers every other /api answer shows; the login
     * route refuses a client with 5 failed attempts in the window. Returns false when it answered 429.
     */
    private boolean withinRateLimits(Context ctx) {
        boolean relaxed = "localhost".equalsIgnoreCase(ctx.req().getServerName());
        String ip = ctx.ip();
        ExpressRateLimit.Decision api = (relaxed ? relaxedApiLimiter : apiLimiter).hit(ip);
        if (api.limited()) {
            return tooManyRequests(ctx, api);
        }
        ExpressRateLimit.Decision router = (relaxed ? relaxedRouterLimiter : routerLimiter).hit(ip);
        rateLimitHeaders(ctx, router);
        if (router.limited()) {
            return tooManyRequests(ctx, router);
        }
        if (ctx.method() == HandlerType.POST && ctx.path().equals("/api/auth/login")) {
            ExpressRateLimit.Decision logins = failedLogins.peek(ip);
            if (logins.limited()) {
                return tooManyRequests(ctx, logins);
            }
        }
        return true;
    }

    private boolean tooManyRequests(Context ctx, ExpressRateLimit.Decision decision) {
        rateLimitHeaders(ctx, decision);
        ctx.header("Retry-After", String.valueOf(decision.resetSeconds()));
        ctx.status(429).json(Map.of("error", "Too many requests, please try again later."));
        return false;
    }

    private void rateLimitHeaders(Context ctx, ExpressRateLimit.Decision decision) {
        if (!faults.has(YwMessagingFault.NO_RATE_LIMIT_HEADERS)) {
            ctx.header("RateLimit-Limit", String.valueOf(decision.limit()));
            ctx.header("RateLimit-Remaining", String.valueOf(decision.remaining()));
            ctx.header("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
        }
    }

    private void login(Context ctx) {
        answerLogin(ctx);
        if (ctx.statusCode() >= 400) {
            failedLogins.hit(ctx.ip());  // skipSuccessfulRequests: only failed attempts count
        }
    }

    private void answerLogin(Context ctx) {
        if (faults.has(YwMessagingFault.LOGIN_BROKEN)) {
            ctx.status(500).json(Map.of("error", "Internal server error"));
            return;
        }
        JsonNode body = Requests.jsonBody(ctx);
        String givenEmail = body.path("email").asText("");
        String givenPassword = body.path("password").asText("");
        if (!givenEmail.contains("@") || givenPassword.isEmpty()) {
            ctx.status(400).json(Map.of("error", "Valid email and password are required"));
            return;
        }
        if (!givenEmail.equalsIgnoreCase(email) || !givenPassword.equals(password)) {
            ctx.status(401).json(Map.of("error", "Invalid email or password"));
            return;
        }
        Instant now = Instant.now();
        String access = Jwt.mintHs256(Map.of("adminId", adminId, "churchId", churchId, "role", "admin"), jwtSecret, now, 900);
        String refresh = Jwt.mintHs256(Map.of("adminId", adminId, "type", "refresh"), jwtSecret, now, 7 * 24 * 3600);
        ctx.cookie(httpOnly("accessToken", access, 900));
        ctx.cookie(httpOnly("refreshToken", refresh, 7 * 24 * 3600));
        Map<String, Object> admin = Map.of("id", adminId, "email", email, "firstName", "Reference", "lastName", "Admin", "role", "admin");
        Map<String, Object> church = Map.of("id", churchId, "name", "Reference Church", "subscriptionStatus", "active");
        ctx.json(Map.of("success", true, "mfaRequired", false,
                "data", Map.of("admin", admin, "church", church, "accessToken", access, "refreshToken", refresh)));
    }

    private static Cookie httpOnly(String name, String value, int maxAge) {
        Cookie cookie = new Cookie(name, value);
        cookie.setHttpOnly(true);
        cookie.setMaxAge(maxAge);
        cookie.setPath("/");
        return cookie;
    }

    private void requireToken(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        String header = ctx.header("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : ctx.cookie("accessToken");
        if (token == null || token.isBlank()) {
            unauthorized(ctx, "No token provided");
        } else if (Jwt.verifyHs256(token, jwtSecret, Instant.now()).isEmpty()) {
            unauthorized(ctx, "Invalid or expired token");
        }
    }

    private void unauthorized(Context ctx, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (faults.has(YwMessagingFault.LEAKY_401)) {
            body.put("stack", "PrismaClientKnownRequestError: Invalid `prisma.admin.findUnique()` invocation\n"
                    + "    at /app/dist/middleware/auth.js:42:13\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)");
        }
        ctx.status(401).json(body);
        ctx.skipRemainingHandlers();
    }

    private void send(Context ctx) {
        JsonNode body = Requests.jsonBody(ctx);
        String content = body.path("content").asText("");
        String targetType = body.path("targetType").asText("");
        List<String> targetIds = new ArrayList<>();
        body.path("targetIds").forEach(id -> targetIds.add(id.asText()));
        if (content.isEmpty() || content.length() > 160 || !Set.of("individual", "all").contains(targetType)
                || targetType.equals("individual") && (targetIds.isEmpty() || !members.keySet().containsAll(targetIds))) {
            ctx.status(400).json(Map.of("error", "content must be 1-160 characters; targetType individual needs existing targetIds"));
            return;
        }
        List<String> recipients = targetType.equals("all") ? List.copyOf(members.keySet()) : targetIds;
        String messageId = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        if (!faults.has(YwMessagingFault.MESSAGE_NOT_LISTED)) {
            for (String memberId : recipients) {
                Map<String, Object> conversation = conversations.get(memberId);
                synchronized (conversation) {
                    conversation.put("lastMessage", Map.of("id", messageId, "content", content, "direction", "outbound", "createdAt", now));
                    conversation.put("lastMessageAt", now);
                }
            }
        }
        socketIo.emitToRoom("church:" + churchId, "message:sent", Map.of("type", "message:sent", "messageId", messageId,
                "status", "pending", "timestamp", now, "recipientCount", recipients.size()));
        ctx.status(201).json(Map.of("success", true, "data", Map.of("id", messageId, "content", content,
                "targetType", targetType, "totalRecipients", recipients.size(), "status", "pending", "createdAt", now)));
    }

    private void conversations(Context ctx) throws InterruptedException {
        long n = conversationRequests.incrementAndGet();
        if (faults.has(YwMessagingFault.SLOW_CONVERSATIONS) && n % 10 == 0) {
            Thread.sleep(700);
        }
        if (faults.has(YwMessagingFault.STALLING_CONVERSATIONS) && n % 50 == 0) {
            Thread.sleep(1200);
        }
        int page = Math.max(1, Requests.intParam(ctx, "page", 1));
        int limit = Math.min(100, Math.max(1, Requests.intParam(ctx, "limit", 20)));
        String status = ctx.queryParam("status");
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> conversation : conversations.values()) {
            synchronized (conversation) {
                if (status == null || status.equals(conversation.get("status"))) {
                    all.add(new LinkedHashMap<>(conversation));
                }
            }
        }
        all.sort(Comparator.comparing((Map<String, Object> c) -> String.valueOf(c.get("lastMessageAt"))).reversed());
        List<Map<String, Object>> pageItems = all.subList(Math.min(all.size(), (page - 1) * limit), Math.min(all.size(), page * limit));
        ctx.json(Map.of("success", true, "data", pageItems, "pagination",
                Map.of("page", page, "limit", limit, "total", all.size(), "pages", (all.size() + limit - 1) / limit)));
    }

    private void stripeWebhook(Context ctx) {
        String header = ctx.header("Stripe-Signature");
        if (header == null) {
            ctx.status(400).json(Map.of("error", "Missing stripe-signature header"));
            return;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                parts.put(kv[0].trim(), kv[1].trim());
            }
        }
        String expected = HexFormat.of().formatHex(Jwt.hmacSha256(stripeSecret, parts.getOrDefault("t", "") + "." + ctx.body()));
        boolean valid = expected.equals(parts.get("v1"));
        if (!valid && !faults.has(YwMessagingFault.WEBHOOK_SIGNATURE_IGNORED)) {
            ctx.status(400).json(Map.of("error", "Invalid signature"));
            return;
        }
        ctx.json(Map.of("received", true));
    }

    private void telnyxWebhook(Context ctx) {
        String signature = ctx.header("telnyx-signature-ed25519");
        String timestamp = ctx.header("telnyx-timestamp");
        if (signature == null || timestamp == null) {
            ctx.status(400).json(Map.of("error", "Missing Telnyx signature headers"));
            return;
        }
        if (faults.has(YwMessagingFault.WEBHOOK_SIGNATURE_IGNORED)) {
            ctx.json(Map.of("received", true));
            return;
        }
        long age;
        try {
            age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            ctx.status(401).json(Map.of("error", "Invalid timestamp"));
            return;
        }
        if (Math.abs(age) > 300) {
            ctx.status(401).json(Map.of("error", "Timestamp too old"));
            return;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(telnyxKeys.getPublic());
            verifier.update((timestamp + "|" + ctx.body()).getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                ctx.status(401).json(Map.of("error", "Invalid signature"));
                return;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            ctx.status(401).json(Map.of("error", "Invalid signature"));
            return;
        }
        ctx.json(Map.of("received", true));
    }

    private SocketIoServer.Decision authenticateSocket(SocketIoServer.Handshake handshake) {
        String token = Optional.ofNullable(handshake.auth().path("token").textValue())
                .or(() -> Optional.ofNullable(handshake.query().apply("token")))
                .or(() -> Optional.ofNullable(handshake.header().apply("Authorization")).map(h -> h.replaceFirst("^Bearer ", "")))
                .orElse(null);
        Optional<JsonNode> claims = Jwt.verifyHs256(token, jwtSecret, Instant.now());
        if (claims.isEmpty() && !faults.has(YwMessagingFault.WS_NO_AUTH)) {
            return SocketIoServer.Decision.refuse(token == null ? "Authentication error: no token" : "Authentication error: invalid token");
        }
        String userId = claims.map(c -> c.path("adminId").asText()).orElse("anonymous");
        Map<String, Object> connected = Map.of("status", "connected", "userId", userId, "churchId", churchId,
                "socketId", UUID.randomUUID().toString(), "timestamp", Instant.now().toString());
        return SocketIoServer.Decision.accept(Set.of("church:" + churchId), List.of(Map.entry("connected", connected)));
    }

    private void seedMembers() {
        List<String> ids = new ArrayList<>(List.of(testMemberId));
        for (int i = 0; i < 24; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        Instant base = Instant.now().minusSeconds(86_400);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Map<String, Object> member = Map.of("id", id, "firstName", "Member" + i, "lastName", "Reference",
                    "phone", String.format("+1555010%04d", i));
            members.put(id, member);
            Map<String, Object> conversation = new LinkedHashMap<>();
            conversation.put("id", UUID.randomUUID().toString());
            conversation.put("member", member);
            conversation.put("status", i % 5 == 4 ? "closed" : "open");
            conversation.put("unreadCount", i % 3);
            conversation.put("lastMessage", Map.of("id", UUID.randomUUID().toString(), "content", "Welcome " + i,
                    "direction", "inbound", "createdAt", base.plusSeconds(i * 60L).toString()));
            conversation.put("lastMessageAt", base.plusSeconds(i * 60L).toString());
            conversation.put("createdAt", base.toString());
            conversations.put(id, conversation);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }
}
