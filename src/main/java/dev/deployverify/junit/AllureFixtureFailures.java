package dev.deployverify.junit;

import io.qameta.allure.jupiter.AllureJupiter;

import java.util.Map;

/**
 * allure-jupiter's fixture reporting (a failed {@code @BeforeAll}/{@code @AfterAll} shown as a broken fixture in the
 * report), with its failure event completed. allure-jupiter 2.35.3 puts {@code actual} and {@code expected} into the
 * event only when the failure is an assertion with both values; allure-junit-platform 2.35.3 reads both
 * unconditionally ({@code Optional.of}), so any other setup failure (a refused WebSocket, an answer that is not JSON)
 * threw a {@code NullPointerException} in its listener, which the JUnit launcher logged with the event (the setup's own
 * stack trace) and its own: about 165 lines on the console per failed setup, and a fixture left unfinished in the
 * report. Here both keys are always present: "n/a" when the failure is not such a comparison (not blank: a blank value
 * is published with a marker prefix that allure-junit-platform 2.35.3 never strips; the report does not show them).
 *
 * <p>Registered for auto-detection in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; the
 * original is excluded by {@code junit.jupiter.extensions.autodetection.exclude} in failsafe's configuration
 * (pom.xml), so each fixture is reported once. Drop both when an Allure release reads the keys as optional.
 */
public class AllureFixtureFailures extends AllureJupiter {

    static final String NOT_A_COMPARISON = "n/a";

    @Override
    public Map<String, String> buildFailureEvent(String type, String uuid, Throwable throwable) {
        Map<String, String> event = super.buildFailureEvent(type, uuid, throwable);
        event.putIfAbsent("actual", NOT_A_COMPARISON);
        event.putIfAbsent("expected", NOT_A_COMPARISON);
        return event;
    }
}
