package dev.deployverify.reference;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One express-rate-limit limiter as the Node services configure it: a fixed window per key (the client IP unless
 * said), {@code limit} requests per window, answering 429 past it; optionally counting only failed requests
 * ({@code skipSuccessfulRequests}, as a login limiter does). Its standard headers are {@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} (seconds) and, on a 429, {@code Retry-After}.
 */
public final class ExpressRateLimit {

    /** One request's standing with the limiter. */
    public record Decision(int limit, long remaining, long resetSeconds, boolean limited) {
    }

    private final int limit;
    private final Duration window;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public ExpressRateLimit(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    public int limit() {
        return limit;
    }

    /** Counts a request for {@code key}; limited once more than {@code limit} were counted in the window. */
    public Decision hit(String key) {
        return apply(key, 1);
    }

    /** The key's standing without counting (a skipSuccessfulRequests limiter counts only after the answer). */
    public Decision peek(String key) {
        return apply(key, 0);
    }

    private Decision apply(String key, int add) {
        long[] state = windows.computeIfAbsent(key, k -> new long[]{System.currentTimeMillis(), 0});
        synchronized (state) {
            long now = System.currentTimeMillis();
            if (now - state[0] >= window.toMillis()) {
                state[0] = now;
                state[1] = 0;
            }
            state[1] += add;
            long used = state[1];
            long reset = Math.max(1, (state[0] + window.toMillis() - now + 999) / 1000);
            boolean limited = add > 0 ? used > limit : used >= limit;
            return new Decision(limit, Math.max(0, limit - used), reset, limited);
        }
    }
}
