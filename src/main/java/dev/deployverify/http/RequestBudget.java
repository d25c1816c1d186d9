package dev.deployverify.http;

import dev.deployverify.env.SystemTarget;
import dev.deployverify.run.Inconclusive;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What one system lets a run send: every request the suite sends to the system is counted here (REST Assured
 * through {@link HttpSpecs}, the load engine through its own client), for the whole run (one JVM).
 *
 * <p>Three rules keep the suite from tripping the rate limiter it is verifying:
 * <ul>
 *   <li><b>The budget</b> ({@code thresholds.requestBudget}, 0: not capped): requests to the paths a limiter covers
 *       ({@code settings.rateLimitedPaths}, comma-separated prefixes; empty: every path) are counted, and a request
 *       past the budget is not sent: its check is {@link Inconclusive} instead.</li>
 *   <li><b>The limiter's own headers</b>: {@code RateLimit-Limit/-Remaining/-Reset} (and {@code X-RateLimit-*},
 *       {@code Retry-After}) are read from every answer, per limiter scope (the first two path segments). Once a
 *       scope has {@code thresholds.rateLimitReserve} or fewer requests left, the suite waits for the window's reset
 *       when it is near (within the pause it may take), else it stops sending there: inconclusive, not tripped.</li>
 *   <li><b>A 429 is never the deployment's fault</b> outside the rate-limit enforcement checks: it makes the check
 *       inconclusive, with the numbers (this run's count, the limiter's headers) that say whose requests used the limit.</li>
 * </ul>
 */
public final class RequestBudget {

    private final String system;
    private final int budget;
    private final List<String> limitedPaths;
    private final int reserve;
    private final Duration maxPause;
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger limited = new AtomicInteger();
    private final AtomicInteger dedicated = new AtomicInteger();
    private final AtomicInteger tooMany = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** The last rate-limit state a limiter scope reported: its limit, what is left, and when its window resets. */
    public record Window(long limit, long remaining, long resetAtMillis) {
        boolean current(long now) {
            return now < resetAtMillis;
        }
    }

    /**
     * @param budget       requests to the limited paths per run; 0: not capped (still counted)
     * @param limitedPaths path prefixes a rate limiter covers; empty: every path
     * @param reserve      requests left to a limiter at which the suite stops sending to it
     * @param maxPause     how long the suite may wait for a limiter's window to reset instead of stopping
     */
    public RequestBudget(String system, int budget, List<String> limitedPaths, int reserve, Duration maxPause) {
        this.system = system;
        this.budget = Math.max(0, budget);
        this.limitedPaths = List.copyOf(limitedPaths);
        this.reserve = Math.max(0, reserve);
        this.maxPause = maxPause;
    }

    /** The system's budget as its defaults and the environment set it. */
    public static RequestBudget of(SystemTarget target, Duration maxPause) {
        List<String> paths = Arrays.stream(target.setting("rateLimitedPaths").orElse("").split(","))
                .map(String::trim).filter(p -> !p.isEmpty()).toList();
        return new RequestBudget(target.name(), target.intThreshold("requestBudget"), paths,
                target.intThreshold("rateLimitReserve"), maxPause);
    }

    /** Counts nothing a check could read; for specifications built outside a run (the suite's own tests). */
    public static RequestBudget uncapped(String system) {
        return new RequestBudget(system, 0, List.of(), 0, Duration.ZERO);
    }

    public String system() {
        return system;
    }

    /** Requests to the limited paths allowed per run; 0 when not capped. */
    public int budget() {
        return budget;
    }

    public boolean capped() {
        return budget > 0;
    }

    /** Every request sent to the system this run. */
    public int total() {
        return total.get();
    }

    /** Requests sent to the limited paths this run (what the budget counts). */
    public int limited() {
        return limited.get();
    }

    /** Requests sent on a key or budget of their own (the rate-limit enforcement checks), counted in {@link #total()}. */
    public int dedicated() {
        return dedicated.get();
    }

    /** 429 answers this run received. */
    public int tooManyRequests() {
        return tooMany.get();
    }

    /** Requests the budget or the limiter's headers kept the suite from sending. */
    public int refused() {
        return refused.get();
    }

    /** The limited-path prefixes, as the report names them. */
    public String scopeName() {
        return limitedPaths.isEmpty() ? "every path" : String.join(", ", limitedPaths);
    }

    public boolean isLimited(String path) {
        return limitedPaths.isEmpty() || limitedPaths.stream().anyMatch(path::startsWith);
    }

    /** The last state the limiter of this path's scope reported, while its window lasts. */
    public Optional<Window> window(String path) {
        Window window = windows.get(scopeOf(path));
        return window != null && window.current(System.currentTimeMillis()) ? Optional.of(window) : Optional.empty();
    }

    /**
     * Before sending: waits for a near window reset or refuses (as {@link Inconclusive}, without sending) when the
     * limiter of this path is at the reserve or the run's budget is spent; otherwise counts the request.
     */
    public void acquire(String method, String path) {
        tryAcquire(method, path).ifPresent(reason -> {
            throw new Inconclusive(reason);
        });
    }

    /** As {@link #acquire}, returning the reason instead of throwing it (the load engine stops its run on it). */
    public Optional<String> tryAcquire(String method, String path) {
        Optional<String> stop = paceOrStop(method, path);
        if (stop.isPresent()) {
            refused.incrementAndGet();
            return stop;
        }
        if (isLimited(path)) {
            int n = limited.incrementAndGet();
            if (capped() && n > budget) {
                limited.decrementAndGet();
                refused.incrementAndGet();
                return Optional.of(spent(method, path));
            }
        }
        total.incrementAndGet();
        return Optional.empty();
    }

    /**
     * Before a run of {@code requests} requests to one path (a latency sample): refuses the whole run up front when
     * the budget cannot hold it, rather than measuring half a sample.
     */
    public void ensureRoom(String method, String path, int requests) {
        if (capped() && isLimited(path) && limited.get() + requests > budget) {
            refused.incrementAndGet();
            throw new Inconclusive("request budget of " + budget + " per run for " + system + " cannot hold " + requests
                    + " more requests (" + method + " " + path + "): " + limited.get() + " already sent to " + scopeName()
                    + " this run. Not sent, so as not to trip the deployment's rate limiter; an environment whose limiter "
                    + "allows more gives a higher thresholds.requestBudget");
        }
    }

    /** A request on a key or budget of its own (a rate-limit enforcement check): counted, never refused. */
    public void countDedicated() {
        total.incrementAndGet();
        dedicated.incrementAndGet();
    }

    /**
     * A request another client of the suite already sent (the browser, loading a page's scripts and API calls):
     * counted like the suite's own, so the run's total stays true; the next request past the budget is refused.
     */
    public void countSent(String path) {
        total.incrementAndGet();
        if (isLimited(path)) {
            limited.incrementAndGet();
        }
    }

    /** After an answer: remembers what the limiter's headers say. {@code header} looks a header up by name. */
    public void observe(String path, int status, Function<String, String> header) {
        long now = System.currentTimeMillis();
        Long limit = number(header, "RateLimit-Limit", "X-RateLimit-Limit");
        Long remaining = number(header, "RateLimit-Remaining", "X-RateLimit-Remaining");
        Long reset = number(header, "RateLimit-Reset", "X-RateLimit-Reset");
        Long retryAfter = number(header, "Retry-After");
        if (status == 429) {
            tooMany.incrementAndGet();
            remaining = 0L;
        }
        if (remaining == null) {
            return;
        }
        long resetSeconds = retryAfter != null ? retryAfter : reset != null ? reset : 60;
        if (resetSeconds > 1_000_000_000L) {
            resetSeconds = Math.max(0, resetSeconds - now / 1000);  // X-RateLimit-Reset as an epoch second
        }
        windows.put(scopeOf(path), new Window(limit == null ? -1 : limit, remaining, now + resetSeconds * 1000));
    }

    /** Why a 429 this run received is not a finding about the deployment, with the numbers that show it. */
    public Inconclusive tooManyRequests(String method, String path, Function<String, String> header) {
        Long limit = number(header, "RateLimit-Limit", "X-RateLimit-Limit");
        String headers = describe(header);
        int sent = isLimited(path) ? limited.get() : total.get();
        String scope = isLimited(path) ? scopeName() : system;
        String whose = limit != null && sent >= limit
                ? "exhausted by this suite's own requests: " + sent + " sent to " + scope + " this run, limit " + limit
                : "after " + sent + " of this run's requests to " + scope + " (budget "
                + (capped() ? String.valueOf(budget) : "not capped") + "): the limit is shared with other traffic from "
                + "this client (e.g. an earlier run within the limiter's window)";
        return new Inconclusive(method + " " + path + " answered 429 Too Many Requests (" + headers + "): the deployment's "
                + "rate limiter was " + whose + ". The limiter works; this check could not reach a verdict (a 429 the "
                + "suite's own traffic caused is not the deployment's fault)");
    }

    /** One line for the report: what the run sent, against which budget. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(limited.get()).append(" to ").append(scopeName()).append(" (the rate-limited scope), request budget ")
                .append(capped() ? budget + " per run" : "not capped");
        if (dedicated.get() > 0) {
            s.append("; ").append(dedicated.get()).append(" on the rate-limit check's own key");
        }
        s.append("; 429 answers: ").append(tooMany.get());
        if (refused.get() > 0) {
            s.append("; not sent (budget or limiter reserve): ").append(refused.get());
        }
        windows.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.append("; last RateLimit-Remaining on ")
                .append(e.getKey()).append(": ").append(e.getValue().remaining())
                .append(e.getValue().limit() >= 0 ? " of " + e.getValue().limit() : ""));
        return s.toString();
    }

    private Optional<String> paceOrStop(String method, String path) {
        String scope = scopeOf(path);
        Window window = windows.get(scope);
        long now = System.currentTimeMillis();
        if (window == null || !window.current(now) || window.remaining() > reserveFor(window)) {
            return Optional.empty();
        }
        long waitMillis = window.resetAtMillis() - now;
        if (waitMillis <= maxPause.toMillis()) {
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for the rate limiter of " + scope + " to reset");
            }
            windows.remove(scope, window);
            return Optional.empty();
        }
        return Optional.of("the deployment's rate limiter on " + scope + " has " + window.remaining() + " request"
                + (window.remaining() == 1 ? "" : "s") + " left" + (window.limit() >= 0 ? " of " + window.limit() : "")
                + " (RateLimit-Remaining; resets in " + (waitMillis + 999) / 1000 + " s), at or below the reserve of "
                + reserveFor(window) + " this suite leaves: " + method + " " + path + " not sent, so as not to trip it ("
                + limited.get() + " requests sent to " + scopeName() + " this run)");
    }

    /**
     * The requests left untouched on a limiter: the configured reserve, but at most a third of a small limit (and at
     * least one), so that a login limiter of 5 failed attempts still lets a run make its one or two deliberate ones.
     */
    private long reserveFor(Window window) {
        return window.limit() < 0 ? reserve : Math.min(reserve, Math.max(1, window.limit() / 3));
    }

    private String spent(String method, String path) {
        return "request budget of " + budget + " per run for " + system + " spent (" + budget + " requests sent to "
                + scopeName() + " this run, " + total.get() + " in all): " + method + " " + path + " not sent, so as not "
                + "to trip the deployment's rate limiter; an environment whose limiter allows more gives a higher "
                + "thresholds.requestBudget";
    }

    /** A limiter's scope as far as the suite can tell: the first two path segments (/api/messages, /v1/stories). */
    static String scopeOf(String path) {
        String[] parts = path.split("/", 4);
        return parts.length >= 3 ? "/" + parts[1] + "/" + parts[2] : path;
    }

    private static Long number(Function<String, String> header, String... names) {
        for (String name : names) {
            String value = header.apply(name);
            if (value == null) {
                value = header.apply(name.toLowerCase(Locale.ROOT));
            }
            if (value != null) {
                try {
                    return Long.parseLong(value.trim());
                } catch (NumberFormatException notANumber) {
                    return null;  // e.g. Retry-After as an HTTP date: the other headers still tell
                }
            }
        }
        return null;
    }

    private static String describe(Function<String, String> header) {
        StringBuilder s = new StringBuilder();
        for (String name : new String[]{"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After",
                "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"}) {
            String value = header.apply(name);
            if (value != null) {
                s.append(s.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
            }
        }
        return s.length() == 0 ? "no RateLimit headers" : s.toString();
    }
}
