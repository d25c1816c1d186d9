package dev.deployverify.systems.sp404.checks;

/** The SP-404 check classes, for the suite's own tests (which run them against a faulty reference). */
public final class Sp404Checks {

    public static final Class<?> API = Sp404ApiChecks.class;
    public static final Class<?> WEB_UI = Sp404WebUiChecks.class;
    public static final Class<?> AUDIO = Sp404AudioChecks.class;
    public static final Class<?> INTEGRATION = Sp404IntegrationChecks.class;
    public static final Class<?> PERFORMANCE = Sp404PerformanceChecks.class;
    public static final Class<?> PAGES_IN_BROWSER = Sp404PagesInBrowserChecks.class;
    public static final Class<?> SAMPLES_IN_BROWSER = Sp404SamplesInBrowserChecks.class;
    public static final Class<?> SECURITY = Sp404SecurityChecks.class;
    public static final Class<?>[] ALL = {API, WEB_UI, AUDIO, INTEGRATION, PERFORMANCE, PAGES_IN_BROWSER, SAMPLES_IN_BROWSER, SECURITY};

    private Sp404Checks() {
    }
}
