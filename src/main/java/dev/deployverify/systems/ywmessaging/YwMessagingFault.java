package dev.deployverify.systems.ywmessaging;

import dev.deployverify.systems.Fault;
import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;

import static dev.deployverify.systems.FaultSpec.*;

/**
 * Every fault the YwMessaging stand-in can be started with: what kind of bad deploy it stands for, what breaks, the
 * checklist items it violates, and the checks that must go red (and no other) when it is on.
 */
public enum YwMessagingFault implements Fault {

    CORS_ANY_ORIGIN(security("any Origin is echoed back with credentials allowed")
            .brief("CORS allows only the configured origins")
            .caughtBy(YwMessagingChecks.EDGE,
                    "CORS: a foreign origin")),
    WEBHOOK_SIGNATURE_IGNORED(security("Stripe and Telnyx webhooks are accepted whatever their signature")
            .violates("YW-11.5")
            .caughtBy(YwMessagingChecks.WEBHOOKS,
                    "(Stripe) handling correctly: a forged signature",
                    "(Telnyx) handling correctly: a forged signature",
                    "(Telnyx) handling correctly: a timestamp older")),
    DB_UNREACHABLE(availability("the database URL names a database that does not exist")
            .violates("YW-10.2", "YW-5.3", "YW-14.1", "YW-31.5", "YW-31.6", "YW-31.7", "YW-14.4")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Database connection successful",
                    "Database migrations applied",
                    "Connection Pool Usage < 60%",
                    "Database health normal: cache hit ratio",
                    "Slow Query Count: 0")),
    SERVER_ERRORS(availability("every 50th /api request answers 500")
            .violates("YW-10.5", "YW-13.2")
            .caughtBy(YwMessagingChecks.PERFORMANCE,
                    "No spike in error rate").in("selftest/ywmessaging-relaxed-limiter.yaml")),
    NO_RATE_LIMIT_HEADERS(contract("no RateLimit-* headers on /api routes")
            .brief("rate limiting on /api with RateLimit-* headers")
            .caughtBy(YwMessagingChecks.EDGE,
                    "Rate limiting active on /api")),
    WS_NO_AUTH(security("the socket.io server accepts connections without a token")
            .violates("YW-11.4")
            .caughtBy(YwMessagingChecks.FLOW,
                    "WebSocket refuses a socket.io connection without a token")),
    DB_CONNECTIONS_EXHAUSTED(performance("7 connections held to a database with CONNECTION LIMIT 10 (70%)")
            .violates("YW-14.1", "YW-31.5")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Connection Pool Usage < 60%")),
    MISSING_SECURITY_HEADERS(security("no Strict-Transport-Security and no X-Frame-Options header")
            .brief("security headers (helmet): HSTS, X-Frame-Options")
            .caughtBy(YwMessagingChecks.EDGE,
                    "Security headers present")),
    DB_CACHE_COLD(performance("a 50 MB table read past shared_buffers: heap cache-hit ratio far below 70%")
            .violates("YW-31.7")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Database health normal: cache hit ratio")),
    LEAKY_401(security("401 bodies carry a stack trace and ORM error text")
            .violates("YW-11.1")
            .caughtBy(YwMessagingChecks.AUTH,
                    "Protected route without a token",
                    "Protected route with an invalid token")),
    MIGRATION_FAILED(contract("_prisma_migrations has a failed migration (started, never finished, error logs)")
            .brief("database migrations applied (prisma migrate deploy)")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Database migrations applied")),
    REDIS_MEMORY_FULL(availability("maxmemory lowered to just above used_memory (over 90% used)")
            .violates("YW-31.9")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Memory Usage < 80%")),
    SLOW_CONVERSATIONS(performance("every 10th GET /api/messages/conversations takes 700 ms (p95 over budget)")
            .violates("YW-10.6", "YW-13.1")
            .caughtBy(YwMessagingChecks.PERFORMANCE,
                    "Latency within expected range (< 500ms p95)").in("selftest/ywmessaging-relaxed-limiter.yaml")),
    HEALTH_DOWN(availability("GET /health answers 503")
            .violates("YW-9.3", "YW-31.1")
            .caughtBy(YwMessagingChecks.HEALTH,
                    "Verify health check endpoint returns 200")),
    WS_SILENT(flow("the socket.io server connects clients but never emits an event")
            .violates("YW-11.4")
            .caughtBy(YwMessagingChecks.FLOW,
                    "WebSocket connections working: socket.io handshake",
                    "WebSocket connections working: a sent message")),
    STALLING_CONVERSATIONS(performance("every 50th GET /api/messages/conversations stalls for 1200 ms (p99 over budget)")
            .violates("YW-13.1")
            .caughtBy(YwMessagingChecks.PERFORMANCE,
                    "API Latency p99").in("selftest/ywmessaging-relaxed-limiter.yaml")),
    REDIS_FLUSHED(contract("the Redis database was flushed after deploy (DBSIZE 0)")
            .violates("YW-31.10")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Key count")),
    HEALTH_DEGRADED(availability("/health/detailed reports the database failed (503) and /health/ready answers 503")
            .violates("YW-9.4", "YW-10.2", "YW-10.4", "YW-31.2")
            .caughtBy(YwMessagingChecks.HEALTH,
                    "Verify detailed health check",
                    "Database connection successful",
                    "All critical services responding")),
    REDIS_CACHE_MISSES(performance("most key lookups miss (keyspace hit rate ~15%)")
            .violates("YW-13.4")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Cache Hit Rate > 70% for Redis")),
    MESSAGE_NOT_LISTED(flow("a sent message never shows up as its conversation's lastMessage")
            .violates("YW-12.2")
            .caughtBy(YwMessagingChecks.FLOW,
                    "Send SMS functionality working")),
    REDIS_BLOCKED(performance("a slow Lua script keeps Redis's event loop busy 200 ms at a time (PING waits)")
            .violates("YW-10.3", "YW-31.8")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Redis connection successful (PING")),
    REPLICA_IS_PRIMARY(contract("the replica URL points at the primary (not in recovery)")
            .violates("YW-14.3")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Replication Lag < 1000ms")),
    MIGRATION_PENDING(contract("the release's latest migration was never applied")
            .brief("database migrations applied (prisma migrate deploy)")
            .caughtBy(YwMessagingChecks.INFRA,
                    "Database migrations applied")),
    LOGIN_BROKEN(flow("POST /api/auth/login answers 500")
            .violates("YW-11.1", "YW-12.1")
            .caughtBy(YwMessagingChecks.AUTH,
                    "Auth endpoints working",
                    "Login/logout flow complete",
                    "Login rejects a wrong password"));

    private final FaultSpec spec;

    YwMessagingFault(FaultSpec spec) {
        this.spec = spec;
    }

    @Override
    public FaultSpec spec() {
        return spec;
    }
}
