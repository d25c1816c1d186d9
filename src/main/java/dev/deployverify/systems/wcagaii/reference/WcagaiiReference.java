package dev.deployverify.systems.wcagaii.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.VerifiedSystem;
import dev.deployverify.systems.wcagaii.WcagaiiFault;
import dev.deployverify.reference.ReferenceServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WCAGAII as its brief describes it (Express 4, helmet, zod, prom-client, a browser pool running axe-core): health
 * trio, Prometheus metrics that count every request it serves, HTML and URL scans with a small rule engine, bulk scans
 * as real background jobs, correlation ids, API keys, a per-key rate limit with the standard headers, an SSRF guard.
 * Credentials are random per start.
 */
public final class WcagaiiReference implements VerifiedSystem.StandIn {


    /**
     * Per API key per minute. The public code has no limiter; the checklist demands one. 300 a minute is what the
     * checklist's own T+30 load test needs of a key (5 virtual users for 5 minutes, about 5 scans a second, see
     * environments/production.yaml), so a deployment configured any stricter could not pass its own checklist.
     */
    static final int RATE_LIMIT = 300;
    static final long RATE_WINDOW_SECONDS = 60;
    private static final String API_KEY_HEADER = "X-API-Key";
    private static final String ALLOWED_ORIGIN = "https://app.wcagai.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Faults<WcagaiiFault> faults;
    private final String apiKey = "wk_" + random(20);
    private final String rateLimitApiKey = "wk_" + random(20);
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private final AccessibilityRules rules;
    private final SsrfGuard guard;
    private final Map<String, long[]> rateWindows = new ConcurrentHashMap<>();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final AtomicLong scanRequests = new AtomicLong();
    private final ExecutorService bulkWorkers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "wcagaii-bulk");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final long startedAt = System.currentTimeMillis();
    private final ReferenceServer server;

    public WcagaiiReference(Faults<WcagaiiFault> faults) {
        this.faults = faults;
        this.rules = new AccessibilityRules(!faults.has(WcagaiiFault.SCAN_MISSES_LABELS));
        this.guard = new SsrfGuard(faults.has(WcagaiiFault.SSRF_NUMERIC_BYPASS));
        registerMetrics();
        this.server = ReferenceServer.start(this::routes);
    }

    /** The variables local.yaml reads as ${reference.wcagaii.*}. */
    public Map<String, String> variables() {
        return Map.of("reference.wcagaii.url", server.url(),
                "reference.wcagaii.apiKey", apiKey,
                "reference.wcagaii.rateLimitApiKey", rateLimitApiKey);
    }

    @Override
    public void close() {
        server.close();
        bulkWorkers.shutdownNow();
    }


    private void registerMetrics() {
        metrics.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        metrics.gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        metrics.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.");
        metrics.histogram("wcagai_http_request_duration_seconds", "Duration of HTTP requests in seconds",
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10);
        metrics.histogram("wcagai_scan_duration_seconds", "Duration of accessibility scans in seconds", 0.1, 0.5, 1, 2, 5, 10, 30);
        metrics.counter("wcagai_scans_total", "Total number of scans");
        metrics.counter("wcagai_errors_total", "Total number of errors");
        metrics.gauge("wcagai_violations_count", "Violations found by the last scan");
        metrics.gauge("wcagai_browser_pool_size", "Browsers in the pool");
        metrics.gauge("wcagai_circuit_breaker_state", "Circuit breaker state (0 closed, 1 half-open, 2 open)");
        metrics.set("wcagai_browser_pool_size", "", faults.has(WcagaiiFault.BROWSER_POOL_DOWN) ? 0 : 3);
        metrics.set("wcagai_circuit_breaker_state", "", 0);
        metrics.set("process_start_time_seconds", "", startedAt / 1000.0);
    }

    private void routes(JavalinConfig config) {
        config.routes.before(this::helmetAndCors);
        config.routes.addHttpHandler(HandlerType.OPTIONS, "/*", ctx -> ctx.status(204));
        config.routes.get("/health", served("/health", false, this::health));
        config.routes.get("/health/ready", served("/health/ready", false, ctx -> {
            boolean ready = !faults.has(WcagaiiFault.HEALTH_DOWN) && !faults.has(WcagaiiFault.BROWSER_POOL_DOWN);
            ctx.status(ready ? 200 : 503).json(Map.of("ready", ready));
        }));
        config.routes.get("/health/live", served("/health/live", false, ctx -> {
            boolean alive = !faults.has(WcagaiiFault.HEALTH_DOWN);
            ctx.status(alive ? 200 : 503).json(Map.of("alive", alive, "uptime", uptimeSeconds(), "memory", memory()));
        }));
        if (!faults.has(WcagaiiFault.METRICS_DOWN)) {
            config.routes.get("/metrics", served("/metrics", false, ctx -> {
                Runtime runtime = Runtime.getRuntime();
                metrics.set("process_resident_memory_bytes", "", runtime.totalMemory() - runtime.freeMemory());
                metrics.set("process_cpu_seconds_total", "", cpuSeconds());
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render());
            }));
        }
        config.routes.post("/api/scan", served("/api/scan", true, this::scan));
        config.routes.post("/api/scan/bulk", served("/api/scan/bulk", true, this::bulk));
        config.routes.get("/api/scan/bulk/{batchId}", served("/api/scan/bulk/:batchId", true, this::batch));
    }

    /** helmet and cors, mounted in front of every route; plus the correlation id of the request. */
    private void helmetAndCors(Context ctx) {
        if (!faults.has(WcagaiiFault.MISSING_CSP)) {
            ctx.header("Content-Security-Policy", "default-src 'self';base-uri 'self';frame-ancestors 'self';object-src 'none'");
        }
        if (!faults.has(WcagaiiFault.MISSING_HSTS)) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.header("Referrer-Policy", "no-referrer");
        if (faults.has(WcagaiiFault.CORS_WILDCARD)) {
            ctx.header("Access-Control-Allow-Origin", "*");
        } else if (ALLOWED_ORIGIN.equals(ctx.header("Origin"))) {
            ctx.header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
            ctx.header("Access-Control-Allow-Credentials", "true");
            ctx.header("Vary", "Origin");
        }
        if (!faults.has(WcagaiiFault.NO_CORRELATION_ID)) {
            String given = ctx.header("X-Correlation-ID");
            String id = given != null && given.matches("[A-Za-z0-9._-]{1,128}") ? given : UUID.randomUUID().toString();
            ctx.attribute("correlationId", id);
            ctx.header("X-Correlation-ID", id);
        }
    }

    /**
     * A route as the service mounts it: rate limit and API key for /api, then the handler, and in every case the
     * request counted in the metrics before the response leaves (so a scrape right after sees it).
     */
    private Handler served(String route, boolean api, Handler handler) {
        return ctx -> {
            long start = System.nanoTime();
            try {
                if (!api || (withinRateLimit(ctx) && authenticated(ctx))) {
                    handler.handle(ctx);
                }
            } catch (RuntimeException e) {
                ctx.status(500).json(Map.of("error", "Internal Server Error", "message", "Something went wrong"));
            } finally {
                if (!faults.has(WcagaiiFault.METRICS_FROZEN)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    String labels = PrometheusRegistry.labels("method", ctx.method().name(), "route", route,
                            "status_code", String.valueOf(ctx.statusCode()));
                    metrics.observe("wcagai_http_request_duration_seconds", labels, seconds);
                    if (ctx.statusCode() >= 500) {
                        metrics.inc("wcagai_errors_total", PrometheusRegistry.labels("type", "http_5xx"), 1);
                    }
                }
            }
        };
    }

    private boolean withinRateLimit(Context ctx) {
        if (faults.has(WcagaiiFault.NO_RATE_LIMIT)) {
            return true;
        }
        String key = Optional.ofNullable(ctx.header(API_KEY_HEADER)).orElse("ip:" + ctx.ip());
        long[] window = rateWindows.computeIfAbsent(key, k -> new long[]{System.currentTimeMillis(), 0});
        long used;
        long resetSeconds;
        synchronized (window) {
            long now = System.currentTimeMillis();
            if (now - window[0] >= RATE_WINDOW_SECONDS * 1000) {
                window[0] = now;
                window[1] = 0;
            }
            used = ++window[1];
            resetSeconds = Math.max(1, RATE_WINDOW_SECONDS - (now - window[0]) / 1000);
        }
        ctx.header("RateLimit-Limit", String.valueOf(RATE_LIMIT));
        ctx.header("RateLimit-Remaining", String.valueOf(Math.max(0, RATE_LIMIT - used)));
        ctx.header("RateLimit-Reset", String.valueOf(resetSeconds));
        if (used > RATE_LIMIT) {
            ctx.header("Retry-After", String.valueOf(resetSeconds));
            ctx.status(429).json(Map.of("error", "Too Many Requests", "message", "Rate limit exceeded, retry later"));
            return false;
        }
        return true;
    }

    private boolean authenticated(Context ctx) {
        String key = ctx.header(API_KEY_HEADER);
        if (faults.has(WcagaiiFault.AUTH_DISABLED) || apiKey.equals(key) || rateLimitApiKey.equals(key)) {
            return true;
        }
        ctx.status(401).json(Map.of("error", "Unauthorized", "message", key == null ? "API key required" : "Invalid API key"));
        return false;
    }

    private void health(Context ctx) {
        boolean poolUp = !faults.has(WcagaiiFault.HEALTH_DOWN) && !faults.has(WcagaiiFault.BROWSER_POOL_DOWN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", poolUp ? "healthy" : "unhealthy");
        body.put("timestamp", Instant.now().toString());
        body.put("uptime", uptimeSeconds());
        body.put("memory", memory());
        body.put("puppeteerReady", poolUp);
        body.put("browserPool", Map.of("poolSize", poolUp ? 3 : 0, "activeCount", 0, "queueSize", 0, "utilization", 0));
        body.put("version", "reference-1.0.0");
        ctx.status(poolUp ? 200 : 503).json(body);
    }

    private void scan(Context ctx) throws Exception {
        long n = scanRequests.incrementAndGet();
        if (faults.has(WcagaiiFault.SLOW_SCAN) && n % 10 == 0) {
            Thread.sleep(2100);
        }
        if (faults.has(WcagaiiFault.SCAN_ERRORS) && n % 10 == 0) {
            ctx.status(500).json(Map.of("error", "Internal Server Error", "message", "Browser pool exhausted"));
            return;
        }
        JsonNode body = parseBody(ctx);
        if (body == null) {
            return;
        }
        List<Map<String, Object>> issues = new ArrayList<>();
        JsonNode type = body.path("type");
        JsonNode input = body.path("input");
        if (type.isMissingNode() || type.isNull()) {
            issues.add(issue("type", "Required"));
        } else if (!type.isTextual() || !List.of("url", "html").contains(type.asText())) {
            issues.add(issue("type", "Invalid enum value. Expected 'url' | 'html'"));
        }
        if (faults.has(WcagaiiFault.BAD_INPUT_500) && !input.isMissingNode() && !input.isTextual()) {
            throw new IllegalStateException("input.trim is not a function"); // the fault: an unvalidated field reaches the code
        }
        if (input.isMissingNode() || input.isNull()) {
            issues.add(issue("input", "Required"));
        } else if (!input.isTextual() || input.asText().isBlank()) {
            issues.add(issue("input", "Expected a non-empty string"));
        } else if (type.asText().equals("url") && !isUrl(input.asText())) {
            issues.add(issue("input", "Invalid url"));
        }
        JsonNode timeout = body.path("options").path("timeout");
        if (!timeout.isMissingNode() && (!timeout.isInt() || timeout.asInt() < 5000 || timeout.asInt() > 60000)) {
            issues.add(issue("options.timeout", "Number must be between 5000 and 60000"));
        }
        if (!issues.isEmpty()) {
            validationError(ctx, issues);
            return;
        }
        if (type.asText().equals("url")) {
            Optional<String> refusal = guard.refusal(input.asText());
            if (refusal.isPresent()) {
                ssrfRefusal(ctx, refusal.get());
                return;
            }
        }
        long start = System.nanoTime();
        String html;
        try {
            html = type.asText().equals("html") ? input.asText() : fetch(input.asText());
        } catch (Exception e) {
            metrics.inc("wcagai_scans_total", PrometheusRegistry.labels("status", "failed"), 1);
            ctx.status(502).json(Map.of("error", "Scan Failed", "message", "could not load " + input.asText()));
            return;
        }
        ctx.json(scanResult(input.asText(), type.asText(), html, start, ctx.attribute("correlationId")));
    }

    private Map<String, Object> scanResult(String input, String type, String html, long start, String correlationId) {
        AccessibilityRules.Report report = rules.scan(html);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!faults.has(WcagaiiFault.METRICS_FROZEN)) {
            metrics.observe("wcagai_scan_duration_seconds", PrometheusRegistry.labels("type", type), seconds);
            metrics.inc("wcagai_scans_total", PrometheusRegistry.labels("status", "success"), 1);
            metrics.set("wcagai_violations_count", "", report.violations().size());
        }
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        report.violations().forEach(v -> bySeverity.merge(v.impact(), 1L, Long::sum));
        int total = report.violations().size() + report.passes().size();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("violations", report.violations().size());
        summary.put("passes", report.passes().size());
        summary.put("incomplete", 0);
        summary.put("complianceScore", total == 0 ? 100 : Math.round(100.0 * report.passes().size() / total));
        summary.put("violationsBySeverity", bySeverity);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scanId", UUID.randomUUID().toString());
        if (correlationId != null) {
            result.put("correlationId", correlationId);
        }
        result.put("url", type.equals("url") ? input : "about:blank");
        result.put("timestamp", Instant.now().toString());
        result.put("scanTime", Math.round(seconds * 1000));
        result.put("summary", summary);
        result.put("violations", report.violations());
        result.put("passes", report.passes());
        result.put("incomplete", List.of());
        result.put("testEngine", Map.of("name", "axe-core", "version", "4.8.0-reference"));
        return result;
    }

    /** Fetches a page the guard allowed, following up to three redirects, each target checked again. */
    private String fetch(String url) throws Exception {
        String current = url;
        for (int hop = 0; hop < 4; hop++) {
            URI uri = URI.create(current);
            InetAddress address = SsrfGuard.resolve(SsrfGuard.hostOf(uri)).orElse(null);
            URI target = address == null ? uri : new URI(uri.getScheme(), null, address.getHostAddress(), uri.getPort(),
                    uri.getPath(), uri.getQuery(), null);
            HttpResponse<String> response = fetcher.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                return response.body();
            }
            current = uri.resolve(location.get()).toString();
            if (guard.refusal(current).isPresent()) {
                throw new IllegalStateException("redirect to an internal address refused");
            }
        }
        throw new IllegalStateException("too many redirects");
    }

    private void bulk(Context ctx) throws Exception {
        JsonNode body = parseBody(ctx);
        if (body == null) {
            return;
        }
        JsonNode urls = body.path("urls");
        if (!urls.isArray() || urls.isEmpty() || urls.size() > 100) {
            validationError(ctx, List.of(issue("urls", "Expected an array of 1 to 100 URLs")));
            return;
        }
        List<String> list = new ArrayList<>();
        for (JsonNode url : urls) {
            if (!url.isTextual() || !isUrl(url.asText())) {
                validationError(ctx, List.of(issue("urls", "Invalid url: " + url)));
                return;
            }
            Optional<String> refusal = guard.refusal(url.asText());
            if (refusal.isPresent()) {
                ssrfRefusal(ctx, refusal.get());
                return;
            }
            list.add(url.asText());
        }
        Batch batch = new Batch(UUID.randomUUID().toString(), list);
        batches.put(batch.id, batch);
        String correlationId = ctx.attribute("correlationId");
        for (String url : list) {
            bulkWorkers.submit(() -> {
                long start = System.nanoTime();
                try {
                    batch.results.add(scanResult(url, "url", fetch(url), start, correlationId));
                } catch (Exception e) {
                    batch.results.add(Map.of("url", url, "error", "Scan Failed"));
                }
            });
        }
        ctx.status(202).json(Map.of("batchId", batch.id, "status", "processing", "total", list.size()));
    }

    private void batch(Context ctx) {
        Batch batch = batches.get(ctx.pathParam("batchId"));
        if (batch == null) {
            ctx.status(404).json(Map.of("error", "Not Found", "message", "no batch " + ctx.pathParam("batchId")));
            return;
        }
        int done = batch.results.size();
        ctx.json(Map.of("batchId", batch.id, "status", done == batch.urls.size() ? "completed" : "processing",
                "progress", Map.of("total", batch.urls.size(), "completed", done), "results", List.copyOf(batch.results)));
    }

    /** zod-style: a JSON object body or a 400 that says so; the fault lets a non-JSON body crash the handler. */
    private JsonNode parseBody(Context ctx) throws Exception {
        try {
            JsonNode body = JSON.readTree(ctx.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (faults.has(WcagaiiFault.BAD_INPUT_500)) {
                throw new IllegalStateException("Unexpected token in JSON");
            }
        }
        validationError(ctx, List.of(issue("body", "Expected a JSON object")));
        return null;
    }

    private static Map<String, Object> issue(String path, String message) {
        return Map.of("path", List.of(path.split("\\.")), "field", path, "message", message);
    }

    private static void validationError(Context ctx, List<Map<String, Object>> issues) {
        ctx.status(400).json(Map.of("error", "Validation Error", "details", issues));
    }

    private static void ssrfRefusal(Context ctx, String why) {
        ctx.status(403).json(Map.of("error", "Security Violation", "message", "URL not allowed: " + why, "code", "SSRF_PROTECTION"));
    }

    private static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && (uri.getHost() != null || uri.getSchemeSpecificPart().startsWith("//") || "file".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private double uptimeSeconds() {
        return (System.currentTimeMillis() - startedAt) / 1000.0;
    }

    private static Map<String, Object> memory() {
        Runtime runtime = Runtime.getRuntime();
        return Map.of("heapUsed", runtime.totalMemory() - runtime.freeMemory(), "heapTotal", runtime.totalMemory());
    }

    private static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static final class Batch {
        final String id;
        final List<String> urls;
        final List<Map<String, Object>> results = java.util.Collections.synchronizedList(new ArrayList<>());

        Batch(String id, List<String> urls) {
            this.id = id;
            this.urls = urls;
        }
    }
}
