package dev.deployverify.systems.dawg;

import dev.deployverify.systems.Fault;
import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.dawg.checks.DawgChecks;

import static dev.deployverify.systems.FaultSpec.*;

/**
 * Every fault the Dawg stand-in can be started with: what kind of bad deploy it stands for, what breaks, the
 * checklist items it violates, and the checks that must go red (and no other) when it is on.
 */
public enum DawgFault implements Fault {

    PAGINATION_OVERLAP(contract("conversation pages overlap by one item (offset off by one)")
            .violates("DAWG-15.13")
            .caughtBy(DawgChecks.CONVERSATIONS,
                    "Pagination works")),
    CONVERSATION_DETAILS_MISSING(contract("GET /api/chat/conversations/<id> answers 404 for listed conversations")
            .violates("DAWG-15.11", "DAWG-15.12")
            .caughtBy(DawgChecks.CONVERSATIONS,
                    "Conversation details loaded",
                    "Message history displayed")),
    AUDIO_NOT_AUDIO(contract("the generated file is an HTML error page served as audio/wav")
            .violates("DAWG-15.9")
            .caughtBy(DawgChecks.GENERATION,
                    "Audio playback works")),
    DATABASE_DOWN(availability("the database is unreachable: /api/health/db answers 503 and /health lists it unhealthy")
            .violates("DAWG-14.3", "DAWG-14.6")
            .caughtBy(DawgChecks.HEALTH,
                    "Database connected",
                    "All services reporting healthy")),
    JOBS_FAIL(flow("every 3rd generation job fails at 70%")
            .violates("DAWG-23.9")
            .caughtBy(DawgChecks.GENERATION,
                    "Success rate > 95%")),
    DB_UNREACHABLE(availability("the database URL names a database that does not exist")
            .violates("DAWG-11.1", "DAWG-11.2")
            .caughtBy(DawgChecks.INFRA,
                    "Database connection",
                    "Migrations applied successfully, no errors in migration logs")),
    NO_PROGRESS(flow("generation jobs finish without emitting generation:progress events")
            .violates("DAWG-15.6")
            .caughtBy(DawgChecks.GENERATION,
                    "Job progress updates received")),
    WS_LAG(performance("every 5th socket.io acknowledgement takes 150 ms")
            .violates("DAWG-23.5")
            .caughtBy(DawgChecks.WEBSOCKET_LATENCY,
                    "Latency < 100ms")),
    CHAT_NOT_STREAMED(flow("chat replies over HTTP but emits no chat:stream/chat:complete events")
            .violates("DAWG-15.3")
            .caughtBy(DawgChecks.CHAT,
                    "Response streamed via WebSocket")),
    SIGNED_URL_NEVER_EXPIRES(security("audio URLs keep working after the expiry they are signed with")
            .violates("DAWG-15.8")
            .caughtBy(DawgChecks.GENERATION,
                    "Signed URL expires")),
    S3_DOWN(availability("S3 is unreachable: /api/health/s3 answers 503, /health lists it unhealthy, audio URLs answer 503")
            .violates("DAWG-14.5", "DAWG-14.6")
            .caughtBy(DawgChecks.HEALTH,
                    "S3 accessible",
                    "All services reporting healthy")),
    WS_DROP(availability("socket.io connections are dropped 1 s after they connect")
            .violates("DAWG-16.5", "DAWG-23.4", "DAWG-23.6")
            .caughtBy(DawgChecks.WEBSOCKET_STABILITY,
                    "WebSocket connections stable",
                    "Disconnection rate < 5%")),
    SLOW_GENERATION(performance("each beat takes ~1.2 s instead of ~0.3 s (over a 1 s budget in the selftest)")
            .violates("DAWG-23.8")
            .caughtBy(DawgChecks.GENERATION,
                    "Average generation time").in("selftest/dawg-generation-budget.yaml")),
    HISTORY_UNORDERED(contract("a conversation's messages come back newest first")
            .violates("DAWG-15.12")
            .caughtBy(DawgChecks.CONVERSATIONS,
                    "Message history displayed")),
    INTENT_MISSED(flow("chat replies without detecting the beat-generation intent or its genre and bpm")
            .violates("DAWG-15.2")
            .caughtBy(DawgChecks.CHAT,
                    "Intent detected correctly")),
    CONVERSATIONS_LEAK_USERS(security("the conversation list ignores userId and lists every user's conversations")
            .violates("DAWG-15.10")
            .caughtBy(DawgChecks.CONVERSATIONS,
                    "Conversation list retrieved")),
    QUEUE_BACKLOG(performance("15 jobs sit delayed in the generation queue")
            .violates("DAWG-16.6", "DAWG-23.7")
            .caughtBy(DawgChecks.MONITORING,
                    "Queue size < 10")),
    AUDIO_HOST_UNRESOLVABLE(availability("audio URLs name a storage host that does not resolve (a misconfigured bucket endpoint)")
            .violates("DAWG-15.8", "DAWG-15.9")
            .caughtBy(DawgChecks.GENERATION,
                    "Signed URL refuses a tampered signature",
                    "Signed URL expires",
                    "Audio playback works")),
    HEALTH_DOWN(availability("GET /health answers 503")
            .violates("DAWG-14.1", "DAWG-14.6")
            .caughtBy(DawgChecks.HEALTH,
                    "Health check returns 200 OK",
                    "All services reporting healthy")),
    MIGRATION_PENDING(contract("the release's latest migration was never applied")
            .violates("DAWG-11.1")
            .caughtBy(DawgChecks.INFRA,
                    "Migrations applied successfully, no errors in migration logs")),
    SLOW_API(performance("every 10th conversation list request takes 300 ms (p95 over 200 ms)")
            .violates("DAWG-23.1", "DAWG-17.4")
            .caughtBy(DawgChecks.MONITORING,
                    "P95 response time < 200ms")
            .caughtBy(DawgChecks.LOAD,
                    "Response times within SLA")),
    MIGRATION_FAILED(contract("_prisma_migrations has a failed migration (started, never finished, error logs)")
            .violates("DAWG-11.1", "DAWG-11.2")
            .caughtBy(DawgChecks.INFRA,
                    "Migrations applied successfully, no errors in migration logs")),
    SERVER_ERRORS(availability("every 20th /api request answers 500")
            .violates("DAWG-16.4", "DAWG-23.2", "DAWG-17.1")
            .caughtBy(DawgChecks.MONITORING,
                    "Error rate < 1%")
            .caughtBy(DawgChecks.LOAD,
                    "API handles concurrent requests")),
    SIGNED_URL_UNCHECKED(security("audio URLs are plain public URLs without signature or expiry, served to anyone")
            .violates("DAWG-15.8")
            .caughtBy(DawgChecks.GENERATION,
                    "Signed URL returned",
                    "Signed URL refuses a tampered signature",
                    "Signed URL expires")),
    JOBS_STALL(flow("generation jobs go active and never finish")
            .violates("DAWG-15.6", "DAWG-15.7", "DAWG-15.8", "DAWG-15.9", "DAWG-23.8", "DAWG-23.9")
            .caughtBy(DawgChecks.GENERATION,
                    "Job progress updates received",
                    "Audio file generated",
                    "Signed URL returned",
                    "Signed URL refuses a tampered signature",
                    "Signed URL expires",
                    "Audio playback works",
                    "Average generation time",
                    "Success rate > 95%")),
    MESSAGE_NOT_PERSISTED(flow("a chat message is answered but never stored in its conversation")
            .violates("DAWG-15.4")
            .caughtBy(DawgChecks.CHAT,
                    "Message persisted to database")),
    WS_DOWN(availability("socket.io is not served (the WebSocket upgrade answers 404)")
            .violates("DAWG-14.2")
            .caughtBy(DawgChecks.HEALTH,
                    "WebSocket connection successful")),
    REDIS_DOWN(availability("Redis is unreachable: /api/health/redis answers 503 and /health lists it unhealthy")
            .violates("DAWG-14.4", "DAWG-14.6")
            .caughtBy(DawgChecks.HEALTH,
                    "Redis connected",
                    "All services reporting healthy")),
    CHAT_DOWN(flow("POST /api/chat/message answers 500 (AI provider error)")
            .violates("DAWG-15.1", "DAWG-15.2", "DAWG-15.3", "DAWG-15.4")
            .caughtBy(DawgChecks.CHAT,
                    "Chat message sent successfully",
                    "Intent detected correctly",
                    "Response streamed via WebSocket",
                    "Message persisted to database"));

    private final FaultSpec spec;

    DawgFault(FaultSpec spec) {
        this.spec = spec;
    }

    @Override
    public FaultSpec spec() {
        return spec;
    }
}
