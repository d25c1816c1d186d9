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
