package dev.deployverify.systems.dawg.checks;

/** The DAWG AI check classes, for the suite's own tests (which run them against a faulty reference). */
public final class DawgChecks {

    public static final Class<?> HEALTH = DawgHealthChecks.class;
    public static final Class<?> CHAT = DawgChatChecks.class;
    public static final Class<?> CONVERSATIONS = DawgConversationChecks.class;
    public static final Class<?> GENERATION = DawgGenerationChecks.class;
    public static final Class<?> WEBSOCKET_LATENCY = DawgWebSocketLatencyChecks.class;
    public static final Class<?> WEBSOCKET_STABILITY = DawgWebSocketStabilityChecks.class;
    public static final Class<?> MONITORING = DawgMonitoringChecks.class;
    public static final Class<?> LOAD = DawgLoadChecks.class;
    /** Needs a real PostgreSQL (see RealServers), so not among ALL. */
    public static final Class<?> INFRA = DawgInfraChecks.class;
    public static final Class<?>[] ALL = {HEALTH, CHAT, CONVERSATIONS, GENERATION, WEBSOCKET_LATENCY, WEBSOCKET_STABILITY, MONITORING, LOAD};

    private DawgChecks() {
    }
}
