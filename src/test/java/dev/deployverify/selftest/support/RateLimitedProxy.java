package dev.deployverify.selftest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.deployverify.reference.ExpressRateLimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A deployment's rate limiters in front of a stand-in, on loopback, keeping their counts across runs the way a
 * long-running production server does (each run starts a fresh reference behind it): express-rate-limit's fixed
 * windows, applied to /api in order (the first to trip answers 429 with its own headers; otherwise the last one's
 * RateLimit-* headers are shown, replacing the stand-in's), and a failed-login limiter on POST /api/auth/login.
 * It counts what reached it: /api requests, logins, failed logins and the 429s it answered.
 */
public final class RateLimitedProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");
    private static final String CLIENT = "127.0.0.1";

    private final HttpServer server;
    private final Supplier<String> upstream;
    private final List<ExpressRateLimit> apiLimiters;
    private final ExpressRateLimit failedLoginLimiter;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private final AtomicInteger tooMany = new AtomicInteger();

    private RateLimitedProxy(Supplier<String> upstream, List<ExpressRateLimit> apiLimiters, ExpressRateLimit failedLoginLimiter) throws IOException {
        this.upstream = upstream;
        this.apiLimiters = apiLimiters;
        this.failedLoginLimiter = failedLoginLimiter;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /**
     * The limiters YWMessaging's code configures (its brief): 50 per client on all of /api, then 100 per client on
     * the routers (whose headers the answers show), and 5 failed logins; 15-minute windows.
     */
    public static RateLimitedProxy ywMessagingLimits(Supplier<String> upstream) throws IOException {
        Duration window = Duration.ofMinutes(15);
        return new RateLimitedProxy(upstream, List.of(new ExpressRateLimit(50, window), new ExpressRateLimit(100, window)),
                new ExpressRateLimit(5, window));
    }

    /**
     * As the real code's layering, with a first limiter of {@code hidden} requests whose headers no answer shows
     * until it trips (the answers show the second one's, of {@code shown}): the suite cannot see it coming.
     */
    public static RateLimitedProxy hiddenApiLimit(int hidden, int shown, Supplier<String> upstream) throws IOException {
        Duration window = Duration.ofMinutes(15);
        return new RateLimitedProxy(upstream, List.of(new ExpressRateLimit(hidden, window), new ExpressRateLimit(shown, window)),
                new ExpressRateLimit(Integer.MAX_VALUE, window));
    }

    /** One limiter of {@code limit} requests per client and 15 minutes on /api (the production-like one: 100). */
    public static RateLimitedProxy apiLimit(int limit, Supplier<String> upstream) throws IOException {
        return new RateLimitedProxy(upstream, List.of(new ExpressRateLimit(limit, Duration.ofMinutes(15))),
                new ExpressRateLimit(Integer.MAX_VALUE, Duration.ofMinutes(15)));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** /api requests that reached the limiters (answered or refused). */
    public int apiRequests() {
        return apiRequests.get();
    }

    /** POST /api/auth/login requests forwarded. */
    public int logins() {
        return logins.get();
    }

    /** Logins answered 4xx/5xx. */
    public int failedLogins() {
        return failedLogins.get();
    }

    /** 429s the limiters answered. */
    public int tooManyRequests() {
        return tooMany.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            boolean api = path.startsWith("/api/");
            boolean login = api && path.equals("/api/auth/login") && exchange.getRequestMethod().equals("POST");
            ExpressRateLimit.Decision shown = null;
            if (api) {
                apiRequests.incrementAndGet();
                for (ExpressRateLimit limiter : apiLimiters) {
                    ExpressRateLimit.Decision decision = limiter.hit(CLIENT);
                    if (decision.limited()) {
                        refuse(exchange, decision);
                        return;
                    }
                    shown = decision;
                }
                if (login && failedLoginLimiter.peek(CLIENT).limited()) {
                    refuse(exchange, failedLoginLimiter.peek(CLIENT));
                    return;
                }
            }
            HttpResponse<byte[]> answer = forward(exchange);
            if (login) {
                logins.incrementAndGet();
                if (answer.statusCode() >= 400) {
                    failedLogins.incrementAndGet();
                    failedLoginLimiter.hit(CLIENT);
                }
            }
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!NOT_FORWARDED.contains(lower) && !lower.startsWith("ratelimit-") && !lower.equals(":status")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            if (shown != null) {
                headers(exchange, shown);
            }
            byte[] body = answer.body();
            boolean noBody = body.length == 0 || answer.statusCode() == 204 || answer.statusCode() == 304
                    || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException, InterruptedException {
        URI incoming = exchange.getRequestURI();
        String target = upstream.get() + incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void refuse(HttpExchange exchange, ExpressRateLimit.Decision decision) throws IOException {
        tooMany.incrementAndGet();
        headers(exchange, decision);
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(decision.resetSeconds()));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] body = "{\"error\":\"Too many requests, please try again later.\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(429, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void headers(HttpExchange exchange, ExpressRateLimit.Decision decision) {
        Map.of("RateLimit-Limit", decision.limit(), "RateLimit-Remaining", decision.remaining(),
                "RateLimit-Reset", decision.resetSeconds()).forEach((name, value) ->
                exchange.getResponseHeaders().set(name, String.valueOf(value)));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
