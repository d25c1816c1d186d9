package dev.deployverify.perf;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * A closed-model load profile, said in words instead of seven positional arguments:
 *
 * <pre>{@code
 * LoadProfile.closed(100).warmup(20).thinkTime(Duration.ofSeconds(1)).deadline(Duration.ofSeconds(30)).requests(3000)
 *         .run(sut.loadGenerator(), "GET /api/chat/conversations", request);
 * }</pre>
 *
 * Immutable: every setter returns a new profile, so one can be shared and varied. Nonsense (no users, a negative
 * warm-up) is refused where it is given; a run needs its bounds, in requests and in time, before it starts.
 */
public final class LoadProfile {

    private final int users;
    private final int warmup;
    private final Duration thinkTime;
    private final Duration deadline;
    private final int requests;

    private LoadProfile(int users, int warmup, Duration thinkTime, Duration deadline, int requests) {
        this.users = users;
        this.warmup = warmup;
        this.thinkTime = thinkTime;
        this.deadline = deadline;
        this.requests = requests;
    }

    /** {@code users} concurrent users, each sending its next request when the previous one answered (and it thought). */
    public static LoadProfile closed(int users) {
        if (users < 1) {
            throw new IllegalArgumentException("a closed model needs at least one user, not " + users);
        }
        return new LoadProfile(users, 0, Duration.ZERO, null, 0);
    }

    /** Requests sent first, one after another, and not recorded (connection set-up, JIT on both sides). */
    public LoadProfile warmup(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("warm-up requests cannot be negative: " + requests);
        }
        return new LoadProfile(users, requests, thinkTime, deadline, this.requests);
    }

    /** How long each user waits after an answer before its next request (a person, or a script's sleep(1)). */
    public LoadProfile thinkTime(Duration thinkTime) {
        if (Objects.requireNonNull(thinkTime, "thinkTime").isNegative()) {
            throw new IllegalArgumentException("think time cannot be negative: " + thinkTime);
        }
        return new LoadProfile(users, warmup, thinkTime, deadline, requests);
    }

    /** The run stops after this long, however many requests are left. */
    public LoadProfile deadline(Duration deadline) {
        if (Objects.requireNonNull(deadline, "deadline").isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a load run needs a deadline after its start, not " + deadline);
        }
        return new LoadProfile(users, warmup, thinkTime, deadline, requests);
    }

    /** The run stops after this many requests across all users, however much time is left. */
    public LoadProfile requests(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("a load run needs at least one request, not " + requests);
        }
        return new LoadProfile(users, warmup, thinkTime, deadline, requests);
    }

    /** Runs this profile with the engine (its budget and timeouts), for {@code request} recorded under {@code label}. */
    public LoadResult run(LoadGenerator engine, String label, HttpRequest.Builder request) {
        if (deadline == null || requests == 0) {
            throw new IllegalStateException("a load run is bounded in requests and in time: give the profile "
                    + (deadline == null ? "a deadline(...)" : "") + (deadline == null && requests == 0 ? " and " : "")
                    + (requests == 0 ? "requests(...)" : "") + " (" + this + ")");
        }
        return engine.closedModel(label, request, warmup, users, thinkTime, deadline, requests);
    }

    public int users() {
        return users;
    }

    public int warmupRequests() {
        return warmup;
    }

    public Duration thinkTime() {
        return thinkTime;
    }

    public Duration deadline() {
        return deadline;
    }

    public int maxRequests() {
        return requests;
    }

    @Override
    public String toString() {
        return String.format("%d user%s, think time %d ms, at most %s or %s requests, %d warm-up", users, users == 1 ? "" : "s",
                thinkTime.toMillis(), deadline == null ? "(no deadline)" : deadline.toMillis() + " ms",
                requests == 0 ? "(no bound on)" : String.valueOf(requests), warmup);
    }
}
