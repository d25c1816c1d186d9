package dev.deployverify.verify;

import dev.deployverify.run.SystemUnderTest;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Parameter;

/**
 * The numbers a check is held to, read from the environment's {@code thresholds:} (the system's defaults where the
 * environment gives none) and put on the check's page in the report as parameters ({@code thresholds.p95Ms = 500}):
 * the report then says which budget was applied in this environment, whatever a display name written for the
 * default says. Read them in the check itself (a test, not a class set-up), where the report has a page to put them on.
 */
public final class Thresholds {

    private final SystemUnderTest sut;

    public Thresholds(SystemUnderTest sut) {
        this.sut = sut;
    }

    /** The threshold, recorded as the report parameter {@code thresholds.<key>}. */
    public double value(String key) {
        double value = sut.target().threshold(key);
        applied("thresholds." + key, format(value));
        return value;
    }

    /** As {@link #value}, for a count (samples, users, requests). */
    public int count(String key) {
        int value = sut.target().intThreshold(key);
        applied("thresholds." + key, String.valueOf(value));
        return value;
    }

    /**
     * Puts a figure the check applied on its page in the report (once per name: a check that applies it to several
     * samples lists it once). Outside a report (the suite's own tests) it goes nowhere.
     */
    public static void applied(String name, String value) {
        Allure.getLifecycle().updateTestCase(test -> {
            if (test.getParameters().stream().noneMatch(p -> name.equals(p.getName()))) {
                test.getParameters().add(new Parameter().setName(name).setValue(value));
            }
        });
    }

    /** 500 rather than 500.0; 0.1 as it is. */
    public static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
