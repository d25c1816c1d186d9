package dev.deployverify.systems.ywmessaging.checks;

/** The YWMessaging check classes, for the suite's own tests (which run them against a faulty reference). */
public final class YwMessagingChecks {

    public static final Class<?> HEALTH = YwHealthChecks.class;
    public static final Class<?> AUTH = YwAuthChecks.class;
    public static final Class<?> FLOW = YwMessagingFlowChecks.class;
    public static final Class<?> WEBHOOKS = YwWebhookChecks.class;
    public static final Class<?> EDGE = YwEdgeSecurityChecks.class;
    public static final Class<?> PERFORMANCE = YwPerformanceChecks.class;
    public static final Class<?> TLS = YwTlsChecks.class;
    /** Not in ALL: it needs PostgreSQL and Redis, which the infra selftest provides or fails loudly about in CI. */
    public static final Class<?> INFRA = YwInfraChecks.class;
    public static final Class<?>[] ALL = {HEALTH, AUTH, FLOW, WEBHOOKS, EDGE, PERFORMANCE, TLS};

    private YwMessagingChecks() {
    }
}
