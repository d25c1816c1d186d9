package dev.deployverify.selftest.support;

import dev.deployverify.browser.Browser;
import dev.deployverify.reference.ThrowawayPostgres;
import dev.deployverify.reference.ThrowawayRedis;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The infra tests run against real PostgreSQL and Redis servers, the browser checks in a real Chromium. Where there
 * are none (no Docker engine, no local services, no Chromium) a developer's run skips them with the reason, but CI
 * ({@code CI=true}) fails loudly: there they must run.
 */
public final class RealServers {

    /**
     * A {@code @ResourceLock} on the CPU that Chromium's pages take: tests that run browser checks hold it READ_WRITE,
     * tests whose assertions time the machine (load runs, deadlines) hold it READ. On 2 cores a browser check beside
     * them made a load run time out (DawgConformanceTest, 13 % errors) and a deadline run miss 90 s by 5 s.
     */
    public static final String BROWSER_CPU = "browser-cpu";

    private RealServers() {
    }

    public static void requirePostgres() {
        require(ThrowawayPostgres.unavailableReason().map(List::of).orElse(List.of()));
    }

    /** Chromium and chromedriver, for the tests that run browser checks. */
    public static void requireChromium() {
        require(Browser.unavailableReason().map(List::of).orElse(List.of()));
    }

    public static void requireRedis() {
        require(ThrowawayRedis.unavailableReason().map(List::of).orElse(List.of()));
    }

    public static void requirePostgresAndRedis() {
        List<String> reasons = new ArrayList<>();
        ThrowawayPostgres.unavailableReason().ifPresent(reasons::add);
        ThrowawayRedis.unavailableReason().ifPresent(reasons::add);
        require(reasons);
    }

    private static void require(List<String> unavailable) {
        if (unavailable.isEmpty()) {
            return;
        }
        String reason = String.join("; ", unavailable);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI must run the infra tests against real servers, but: " + reason);
        }
        Assumptions.abort("needs real servers and a real browser: " + reason);
    }
}
