package dev.deployverify.perf;

import dev.deployverify.env.Timeouts;
import dev.deployverify.http.RequestBudget;
import dev.deployverify.run.Inconclusive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * The load engine: its own keep-alive HTTP/1.1 client ({@link Http1Connection}, one connection per sender: no
 * REST Assured, whose per-request overhead would be measured instead of the service, and none of the JDK
 * HttpClient's thread hand-offs), timed with {@link System#nanoTime()} around the call, recorded in HdrHistogram.
 * Requests are described as {@link HttpRequest.Builder}s (method, URI, headers, body); redirects are not followed.
 *
 * <p>Two models, each bounded in requests and in time:
 * <ul>
 *   <li>{@link #openModel} (constant arrival rate, "N requests per second"): request i is due at
 *       {@code start + i / rate} whether or not earlier ones have answered, and its latency is measured from that
 *       intended send time, so a stall shows in the percentiles instead of silently lowering the rate
 *       (coordinated omission). A request due while every sender is busy is dropped and counted; a run with drops
 *       did not generate the load it was asked for.</li>
 *   <li>{@link #closedModel} ("N concurrent users"): N users each send, wait for the answer, send again.</li>
 * </ul>
 * Warm-up requests are sent first, one after another, and not recorded.
 *
 * <p>With the system's {@link RequestBudget}, every request is counted against it and the answers' RateLimit headers
 * are read: a run the budget cannot hold is not started, and a run stops (before the limiter trips, or at a 429)
 * when the budget is spent or the limiter is at the suite's reserve. A stopped run is {@link Inconclusive}: it did
 * not measure what it was asked to, and a 429 the suite's own requests caused is not the deployment's fault.
 */
public final class LoadGenerator {

    /** A request that starts this much after its intended time is counted late (its latency includes the delay). */
    static final Duration LATE_AFTER = Duration.ofMillis(10);

    /** Timeouts in a row after which a closed-model run stops. */
    static final int TIMEOUTS_IN_A_ROW = 3;

    private final Timeouts timeouts;
    private final RequestBudget budget;
    /** The status that counts as an answer; anything else is an error, counted and never timed. */
    private final IntPredicate expectedStatus;
    private final String expected;

    public LoadGenerator(Timeouts timeouts) {
        this(timeouts, null);
    }

    /** @param budget the system's request budget every request is counted against; null: not counted */
    public LoadGenerator(Timeouts timeouts, RequestBudget budget) {
        this(timeouts, budget, status -> status >= 200 && status < 300, "2xx");
    }

    private LoadGenerator(Timeouts timeouts, RequestBudget budget, IntPredicate expectedStatus, String expected) {
        this.timeouts = timeouts;
        this.budget = budget;
        this.expectedStatus = expectedStatus;
        this.expected = expected;
    }

    /** The same engine, counting only answers with this status (2xx by default) as answers. */
    public LoadGenerator expecting(int status) {
        return new LoadGenerator(timeouts, budget, s -> s == status, String.valueOf(status));
    }

    /**
     * Constant arrival rate.
     *
     * @param request     method, URI, headers and body; the environment's connect and request timeouts apply
     * @param perSecond   arrival rate
     * @param maxDuration the run stops scheduling after this long
     * @param maxRequests ...or after this many requests, whichever comes first
     * @param senders     requests in flight at most (pre-allocated threads); a request due when all are busy is dropped
     */
    public LoadResult openModel(String label, HttpRequest.Builder request, int warmup, double perSecond,
                                Duration maxDuration, int maxRequests, int senders) {
        if (perSecond <= 0 || senders < 1 || maxRequests < 1) {
            throw new IllegalArgumentException("open model needs a rate > 0, senders >= 1 and maxRequests >= 1");
        }
        Target built = target(request.build(), warmup + maxRequests);
        LatencySample sample = new LatencySample(label, expected);
        warmUp(built, warmup, sample, new AtomicInteger());  // the open model keeps its schedule: timeouts show as latency
        Semaphore free = new Semaphore(senders);
        AtomicInteger late = new AtomicInteger();
        AtomicLong behindNanos = new AtomicLong();
        int dropped = 0;
        int scheduled = 0;
        long periodNanos = (long) (1_000_000_000L / perSecond);
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(senders, daemon("open-model"));
        pool.prestartAllCoreThreads();  // senders are ready before the first request is due, not created on the clock
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        try {
            for (int i = 0; i < maxRequests; i++) {
                long intended = start + i * periodNanos;
                if (intended - deadline >= 0 || built.stopped()) {
                    break;
                }
                parkUntil(intended);
                scheduled++;
                if (!free.tryAcquire()) {
                    dropped++;
                    continue;
                }
                pool.execute(() -> {
                    try {
                        long behind = System.nanoTime() - intended;
                        if (behind > LATE_AFTER.toNanos()) {
                            late.incrementAndGet();
                        }
                        behindNanos.accumulateAndGet(behind, Math::max);
                        send(built, sample, intended);
                    } finally {
                        free.release();
                    }
                });
            }
        } finally {
            awaitAll(pool, Duration.ZERO);
            built.close();
        }
        built.throwIfStopped(label, sample);
        long elapsed = System.nanoTime() - start;
        String model = String.format("open model: %s req/s for at most %s or %d requests, %d senders", fmt(perSecond),
                maxDuration, maxRequests, senders);
        return new LoadResult(sample, model, scheduled, dropped, late.get(), Duration.ofNanos(elapsed), perSecond,
                Duration.ofNanos(behindNanos.get()));
    }

    /**
     * N concurrent users, each sending its next request when the previous one answered.
     *
     * @param maxRequests across all users
     */
    public LoadResult closedModel(String label, HttpRequest.Builder request, int warmup, int users,
                                  Duration maxDuration, int maxRequests) {
        return closedModel(label, request, warmup, users, Duration.ZERO, maxDuration, maxRequests);
    }

    /**
     * N concurrent users, each thinking {@code thinkTime} after an answer before its next request (as a person, or
     * a load-test script's {@code sleep(1)}, does: 100 users without think time are a stress test, not 100 users).
     * Users start spread over one think time, so they do not arrive in lock-step.
     *
     * @param maxRequests across all users
     */
    public LoadResult closedModel(String label, HttpRequest.Builder request, int warmup, int users, Duration thinkTime,
                                  Duration maxDuration, int maxRequests) {
        if (users < 1 || maxRequests < 1) {
            throw new IllegalArgumentException("closed model needs users >= 1 and maxRequests >= 1");
        }
        Target built = target(request.build(), warmup + maxRequests);
        LatencySample sample = new LatencySample(label, expected);
        AtomicInteger tickets = new AtomicInteger(maxRequests);
        AtomicInteger timeoutsInARow = new AtomicInteger();
        if (!warmUp(built, warmup, sample, timeoutsInARow)) {
            tickets.set(0);  // the target never answered the warm-up: no point in sampling it
        }
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        long thinkNanos = thinkTime.toNanos();
        try {
            if (users == 1) {
                runUser(built, sample, tickets, timeoutsInARow, start, thinkNanos, deadline);  // sequential: no thread hand-off
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(users, daemon("closed-model"));
                for (int u = 0; u < users; u++) {
                    long firstAt = start + thinkNanos * u / users;
                    pool.execute(() -> runUser(built, sample, tickets, timeoutsInARow, firstAt, thinkNanos, deadline));
                }
                awaitAll(pool, maxDuration);
            }
        } finally {
            built.close();
        }
        built.throwIfStopped(label, sample);
        long elapsed = System.nanoTime() - start;
        String model = String.format("closed model: %d concurrent user%s, think time %d ms, for at most %s or %d requests",
                users, users == 1 ? "" : "s", thinkTime.toMillis(), maxDuration, maxRequests);
        int sent = (int) sample.count();
        return new LoadResult(sample, model, sent, 0, 0, Duration.ofNanos(elapsed), 0, Duration.ZERO);
    }

    private void runUser(Target request, LatencySample sample, AtomicInteger tickets, AtomicInteger timeoutsInARow,
                         long firstAt, long thinkNanos, long deadline) {
        parkUntil(firstAt);
        while (System.nanoTime() - deadline < 0 && !request.stopped() && tickets.getAndDecrement() > 0) {
            String outcome = send(request, sample, System.nanoTime());
            if (request.stopped()) {
                tickets.set(0);
                return;
            }
            boolean timedOut = "timeout".equals(outcome);
            if (stopAfterTimeouts(sample, tickets, timeoutsInARow, timedOut)) {
                return;
            }
            if (thinkNanos > 0) {
                long next = System.nanoTime() + thinkNanos;
                parkUntil(next - deadline < 0 ? next : deadline);  // no thinking past the run's end
            }
        }
    }

    /**
     * Warm-up answers are discarded, but a timeout is a finding even then: it is recorded, so a target that never
     * answers cannot pass on an empty sample. Returns false when the warm-up already stopped on timeouts.
     */
    private boolean warmUp(Target request, int warmup, LatencySample sample, AtomicInteger timeoutsInARow) {
        LatencySample discarded = new LatencySample("warm-up", expected);
        AtomicInteger noTickets = new AtomicInteger();
        for (int i = 0; i < warmup; i++) {
            long start = System.nanoTime();
            String outcome = send(request, discarded, start);
            if (request.stopped()) {
                return false;
            }
            if ("timeout".equals(outcome)) {
                sample.record((System.nanoTime() - start) / 1000, "timeout", true);
                if (stopAfterTimeouts(sample, noTickets, timeoutsInARow, true)) {
                    return false;
                }
            } else {
                timeoutsInARow.set(0);
            }
        }
        return true;
    }

    /** After {@value #TIMEOUTS_IN_A_ROW} timeouts in a row the run stops: each more would only add a timeout's wait. */
    private boolean stopAfterTimeouts(LatencySample sample, AtomicInteger tickets, AtomicInteger timeoutsInARow, boolean timedOut) {
        int inARow = timedOut ? timeoutsInARow.incrementAndGet() : 0;
        if (!timedOut) {
            timeoutsInARow.set(0);
            return false;
        }
        if (inARow >= TIMEOUTS_IN_A_ROW) {
            tickets.set(0);
            sample.stoppedEarly("stopped after " + TIMEOUTS_IN_A_ROW + " timeouts in a row (request timeout "
                    + timeouts.request().toMillis() + " ms)");
            return true;
        }
        return false;
    }

    /** Sends once, records the latency from {@code fromNanos} (the intended send time in the open model), returns the outcome. */
    private String send(Target target, LatencySample sample, long fromNanos) {
        if (!target.admit()) {
            return "stopped";
        }
        String outcome;
        boolean error;
        try {
            Http1Connection connection = target.connection();
            int status = connection.exchange(target.bytes, target.head);
            target.answered(status, connection);
            outcome = String.valueOf(status);
            error = !expectedStatus.test(status);
        } catch (SocketTimeoutException e) {
            outcome = "timeout";
            error = true;
        } catch (IOException | RuntimeException e) {
            outcome = e.getClass().getSimpleName();
            error = true;
        }
        sample.record((System.nanoTime() - fromNanos) / 1000, outcome, error);
        return outcome;
    }

    /** The run's target; with a budget, a run it cannot hold is refused before anything is sent. */
    private Target target(HttpRequest request, int requests) {
        Target target = new Target(request, timeouts, budget);
        if (budget != null) {
            budget.ensureRoom(target.method, target.path, requests);
        }
        return target;
    }

    /**
     * The run's one request, encoded once, and each sender thread's own keep-alive connection to its origin; with a
     * budget, each request is admitted by it and each answer's rate-limit headers are reported to it.
     */
    private static final class Target implements AutoCloseable {
        private final byte[] bytes;
        private final boolean head;
        private final URI origin;
        private final Timeouts timeouts;
        private final String method;
        private final String path;
        private final RequestBudget budget;
        private final AtomicReference<String> stopped = new AtomicReference<>();
        private final Queue<Http1Connection> opened = new ConcurrentLinkedQueue<>();
        private final ThreadLocal<Http1Connection> perThread = new ThreadLocal<>();

        Target(HttpRequest request, Timeouts timeouts, RequestBudget budget) {
            this.bytes = Http1Connection.encode(request.method(), request.uri(), request.headers().map(), bodyOf(request, timeouts));
            this.head = request.method().equals("HEAD");
            this.origin = request.uri();
            this.timeouts = timeouts;
            this.method = request.method();
            this.path = request.uri().getRawPath() == null || request.uri().getRawPath().isEmpty() ? "/" : request.uri().getRawPath();
            this.budget = budget;
        }

        /** Whether this request may be sent (counted); false once the run is stopped. */
        boolean admit() {
            if (budget == null) {
                return true;
            }
            if (stopped()) {
                return false;
            }
            Optional<String> refused = budget.tryAcquire(method, path);
            refused.ifPresent(reason -> stopped.compareAndSet(null, reason));
            return refused.isEmpty();
        }

        void answered(int status, Http1Connection connection) {
            if (budget == null) {
                return;
            }
            budget.observe(path, status, connection::rateLimitHeader);
            if (status == 429) {
                stopped.compareAndSet(null, budget.tooManyRequests(method, path, connection::rateLimitHeader).getMessage());
            }
        }

        boolean stopped() {
            return stopped.get() != null;
        }

        /** A run the budget or the limiter stopped did not measure what it was asked to: inconclusive, with why. */
        void throwIfStopped(String label, LatencySample sample) {
            String reason = stopped.get();
            if (reason != null) {
                throw new Inconclusive(label + ": sampling stopped after " + sample.count() + " recorded requests: " + reason);
            }
        }

        Http1Connection connection() {
            Http1Connection connection = perThread.get();
            if (connection == null) {
                connection = new Http1Connection(origin, timeouts);
                perThread.set(connection);
                opened.add(connection);
            }
            return connection;
        }

        @Override
        public void close() {
            opened.forEach(Http1Connection::close);
        }
    }

    /** The request's body as bytes (the JDK's body publishers are reactive streams). */
    static byte[] bodyOf(HttpRequest request, Timeouts timeouts) {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        try {
            return done.get(timeouts.request().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the request body", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalArgumentException("cannot read the request body of " + request.method() + " " + request.uri(), e);
        }
    }

    private static void parkUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Waits for the senders: the run's own remaining time, plus every request's timeout (a hung client is cut off). */
    private void awaitAll(ExecutorService pool, Duration runTime) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(runTime.toMillis() + timeouts.request().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
