package dev.deployverify.systems.muejam;

import dev.deployverify.systems.Fault;
import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.muejam.checks.MuejamChecks;

import static dev.deployverify.systems.FaultSpec.*;

/**
 * Every fault the Muejam stand-in can be started with: what kind of bad deploy it stands for, what breaks, the
 * checklist items it violates, and the checks that must go red (and no other) when it is on.
 */
public enum MuejamFault implements Fault {

    AUTH_BYPASS(security("any Bearer token is accepted without checking its signature")
            .violates("MUE-13.6")
            .caughtBy(MuejamChecks.AUTH,
                    "no token, or a token with a forged signature")),
    CHAPTER_NOT_SAVED(flow("a created chapter cannot be read back (404)")
            .violates("MUE-13.6")
            .caughtBy(MuejamChecks.FLOW,
                    "story creation and reading")),
    DB_CONNECTIONS_EXHAUSTED(performance("9 connections held to a database with CONNECTION LIMIT 10 (90%)")
            .violates("MUE-20.2")
            .caughtBy(MuejamChecks.INFRA,
                    "Connection Pool: Utilization < 80%")),
    DB_UNREACHABLE(availability("the database URL names a database that does not exist")
            .violates("MUE-13.3", "MUE-20.1", "MUE-20.2")
            .caughtBy(MuejamChecks.INFRA,
                    "Database connection",
                    "Verify database migrations",
                    "Query Performance: No queries > 100ms",
                    "Connection Pool: Utilization < 80%")),
    DISK_85(availability("the disk check reports 85% used: degraded, /health 503 unhealthy")
            .violates("MUE-13.1")
            .caughtBy(MuejamChecks.HEALTH,
                    "Verify application health (GET /health",
                    "database, cache and disk")),
    DUPLICATE_REPORT_ACCEPTED(flow("the same report twice is accepted (201) instead of 409")
            .violates("MUE-13.6")
            .caughtBy(MuejamChecks.FLOW,
                    "content moderation")),
    ETAG_IGNORED(contract("conditional GET broken: the ETag changes on every response, so If-None-Match never gets a 304")
            .brief("conditional GET with ETags on story reads")
            .caughtBy(MuejamChecks.API,
                    "conditional GET")),
    HEALTH_DOWN(availability("the whole health family answers 503")
            .violates("MUE-13.1")
            .caughtBy(MuejamChecks.HEALTH,
                    "Verify application health (GET /health",
                    "database, cache and disk",
                    "readiness",
                    "liveness",
                    "API health")),
    MIGRATION_PENDING(contract("the release's latest migration (stories.0003_story_cursor_index) was never applied")
            .violates("MUE-13.3")
            .caughtBy(MuejamChecks.INFRA,
                    "Verify database migrations")),
    NO_HTTPS_REDIRECT(security("the plain-HTTP listener serves the API instead of redirecting to HTTPS")
            .brief("HTTPS enforced (SECURE_SSL_REDIRECT)")
            .caughtBy(MuejamChecks.API,
                    "Plain HTTP is redirected to HTTPS")),
    NO_RATE_LIMIT_HEADERS(contract("no X-RateLimit-* headers")
            .violates("MUE-4.9")
            .caughtBy(MuejamChecks.API,
                    "X-RateLimit-Limit")),
    NO_WHISPER_LIMIT(security("whispers are not limited to 10 a minute")
            .violates("MUE-4.9")
            .caughtBy(MuejamChecks.FLOW,
                    "the 11th whisper within a minute")),
    OVERLAPPING_CURSOR(contract("the next cursor page starts with the last story of the previous one")
            .brief("cursor pagination of story lists")
            .caughtBy(MuejamChecks.API,
                    "cursor pages never overlap")),
    P95_REGRESSION(performance("every 10th story list takes 600 ms (p95 over 500 ms)")
            .violates("MUE-19.2")
            .caughtBy(MuejamChecks.PERFORMANCE,
                    "Response Time: p95")),
    P99_STALL(performance("every 50th story list stalls 1100 ms (p99 over 1000 ms)")
            .violates("MUE-19.2")
            .caughtBy(MuejamChecks.PERFORMANCE,
                    "Response Time: p99")),
    PROFILE_BROKEN(flow("GET /v1/users/me/ answers 500")
            .violates("MUE-13.6")
            .caughtBy(MuejamChecks.FLOW,
                    "user login")),
    QUEUE_OPEN(security("the moderation queue answers 200 to every signed-in user")
            .violates("MUE-13.6")
            .caughtBy(MuejamChecks.AUTH,
                    "the report queue answers 403 to a reader")),
    REPLICA_IS_PRIMARY(contract("the replica URL points at the primary (not in recovery)")
            .violates("MUE-20.3")
            .caughtBy(MuejamChecks.INFRA,
                    "Replication Lag: < 5 seconds")),
    SERVER_ERRORS(availability("every 20th story list answers 500 (error rate 5%)")
            .violates("MUE-19.1")
            .caughtBy(MuejamChecks.PERFORMANCE,
                    "Error Rate")),
    UPLOAD_REFUSED(flow("the storage endpoint refuses presigned POSTs (403 SignatureDoesNotMatch)")
            .violates("MUE-13.9", "MUE-13.5", "MUE-22.2")
            .caughtBy(MuejamChecks.FLOW,
                    "AWS S3 uploads")),
    WHISPER_NOT_LISTED(flow("a posted whisper never shows up in the GLOBAL feed")
            .violates("MUE-13.6")
            .caughtBy(MuejamChecks.FLOW,
                    "whisper posting (post a GLOBAL whisper"));

    private final FaultSpec spec;

    MuejamFault(FaultSpec spec) {
        this.spec = spec;
    }

    @Override
    public FaultSpec spec() {
        return spec;
    }
}
