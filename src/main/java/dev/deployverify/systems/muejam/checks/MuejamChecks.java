package dev.deployverify.systems.muejam.checks;

/** The MueJam Library check classes, for the suite's own tests (which run them against a faulty reference). */
public final class MuejamChecks {

    public static final Class<?> HEALTH = MuejamHealthChecks.class;
    public static final Class<?> AUTH = MuejamAuthChecks.class;
    public static final Class<?> FLOW = MuejamFlowChecks.class;
    public static final Class<?> API = MuejamApiChecks.class;
    public static final Class<?> PERFORMANCE = MuejamPerformanceChecks.class;
    /** Needs a real PostgreSQL (see RealServers), so not among ALL. */
    public static final Class<?> INFRA = MuejamInfraChecks.class;
    public static final Class<?>[] ALL = {HEALTH, AUTH, FLOW, API, PERFORMANCE};

    private MuejamChecks() {
    }
}
