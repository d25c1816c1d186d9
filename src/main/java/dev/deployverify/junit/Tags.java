package dev.deployverify.junit;

/** Every tag the suite uses, in one place; select with {@code -Dchecks="smoke & ywmessaging"}. */
public final class Tags {

    public static final String SMOKE = "smoke";
    public static final String FLOW = "flow";
    public static final String PERFORMANCE = "performance";
    public static final String SECURITY = "security";
    public static final String INFRA = "infra";
    /** Performance checks that put the target under load (many users or a request rate); select or exclude them. */
    public static final String LOAD = "load";
    /** Checks that create data on the target; skipped where the environment does not allow it. */
    public static final String MUTATING = "mutating";

    public static final String YWMESSAGING = "ywmessaging";
    public static final String DAWG = "dawg";
    public static final String WCAGAII = "wcagaii";
    public static final String MUEJAM = "muejam";
    public static final String SP404 = "sp404";

    private Tags() {
    }
}
