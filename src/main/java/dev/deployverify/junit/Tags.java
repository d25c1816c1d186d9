package dev.deployverify.junit;

/**
 * The tags of kinds of check; select with {@code -Dchecks="smoke & <system>"}. Each system's checks also carry the
 * system's name as a tag, given by the system's own check annotation.
 */
public final class Tags {

    public static final String SMOKE = "smoke";
    public static final String FLOW = "flow";
    public static final String PERFORMANCE = "performance";
    public static final String SECURITY = "security";
    public static final String INFRA = "infra";
    /** Performance checks that put the target under load (many users or a request rate); select or exclude them. */
    public static final String LOAD = "load";
    /** Checks that open the front end in a real browser (headless Chromium); skipped where none is installed. */
    public static final String BROWSER = "browser";
    /** Checks that create data on the target; skipped where the environment does not allow it. */
    public static final String MUTATING = "mutating";

    private Tags() {
    }
}
