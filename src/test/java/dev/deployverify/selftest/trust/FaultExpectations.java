package dev.deployverify.selftest.trust;

import dev.deployverify.systems.dawg.checks.DawgChecks;
import dev.deployverify.systems.ywmessaging.checks.YwMessagingChecks;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which checks each fault must turn red, read from the per-system fault detection tests (their {@code faults()}
 * cases) so that the expectation is written once, next to the system it belongs to.
 */
final class FaultExpectations {

    /**
     * @param checks      the check classes to run with the fault on
     * @param red         the checks expected red (each a prefix or part of the check's display name)
     * @param environment an environment file of its own, or null for the reference's local.yaml
     */
    record Expectation(String fault, List<Class<?>> checks, List<String> red, Path environment) {
    }

    /** The per-system tests, the system whose faults they prove, and the check class when their cases name none. */
    private record Source(String testClass, String system, Class<?> defaultChecks) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("dev.deployverify.systems.ywmessaging.YwMessagingFaultDetectionTest", "ywmessaging", null),
            new Source("dev.deployverify.systems.ywmessaging.YwInfraFaultDetectionTest", "ywmessaging", YwMessagingChecks.INFRA),
            new Source("dev.deployverify.systems.dawg.DawgFaultDetectionTest", "dawg", null),
            new Source("dev.deployverify.systems.dawg.DawgInfraFaultDetectionTest", "dawg", null),
            new Source("dev.deployverify.systems.wcagaii.WcagaiiFaultDetectionTest", "wcagaii", null),
            new Source("dev.deployverify.systems.muejam.MuejamFaultDetectionTest", "muejam", null),
            new Source("dev.deployverify.systems.muejam.MuejamInfraFaultDetectionTest", "muejam", null),
            new Source("dev.deployverify.systems.sp404.Sp404FaultDetectionTest", "sp404", null));

    private FaultExpectations() {
    }

    /** Fault ({@code system.fault}) -> its expectation; a fault proven by several cases gets their union. */
    static Map<String, Expectation> all() {
        Map<String, Expectation> all = new LinkedHashMap<>();
        for (Source source : SOURCES) {
            for (Arguments arguments : cases(source.testClass()).toList()) {
                Expectation expectation = parse(source, arguments.get());
                all.merge(expectation.fault(), expectation, FaultExpectations::union);
            }
        }
        // Proven by its own test (DawgFaultDetectionTest.slowGenerationTurnsTheAverageGenerationTimeRed): the
        // checklist's 30 s budget is held to 1 s there, or the fault would cost 30 s a beat.
        all.put("dawg.slow-generation", new Expectation("dawg.slow-generation", List.of(DawgChecks.GENERATION),
                List.of("Average generation time"),
                Path.of(System.getProperty("basedir", "."), "src/test/resources/selftest/dawg-generation-budget.yaml")));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Stream<Arguments> cases(String testClass) {
        Class<?> type = ReflectionSupport.tryToLoadClass(testClass).getOrThrow(e ->
                new IllegalStateException("fault detection test " + testClass + " not found", e));
        Method faults = ReflectionSupport.findMethod(type, "faults").orElseThrow(() ->
                new IllegalStateException(testClass + " has no static faults() listing its cases"));
        return (Stream<Arguments>) ReflectionSupport.invokeMethod(faults, null);
    }

    /**
     * A case is (fault name, then any of: a check class, its simple name, a list of check classes, the red checks,
     * an environment file of its own).
     */
    @SuppressWarnings("unchecked")
    private static Expectation parse(Source source, Object[] arguments) {
        String fault = source.system() + "." + arguments[0];
        List<Class<?>> checks = new ArrayList<>();
        List<String> red = new ArrayList<>();
        Path environment = null;
        for (int i = 1; i < arguments.length; i++) {
            Object argument = arguments[i];
            if (argument instanceof Path file) {
                environment = file;
            } else if (argument instanceof Class<?> checkClass) {
                checks.add(checkClass);
            } else if (argument instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Class<?>) {
                checks.addAll((List<Class<?>>) list);
            } else if (argument instanceof List<?> list) {
                red.addAll((List<String>) list);
            }
        }
        if (checks.isEmpty()) {
            checks.add(source.defaultChecks());
        }
        return new Expectation(fault, List.copyOf(checks), List.copyOf(red), environment);
    }

    private static Expectation union(Expectation a, Expectation b) {
        List<Class<?>> checks = new ArrayList<>(a.checks());
        b.checks().stream().filter(c -> !checks.contains(c)).forEach(checks::add);
        List<String> red = new ArrayList<>(a.red());
        red.addAll(b.red());
        return new Expectation(a.fault(), List.copyOf(checks), List.copyOf(red), a.environment());
    }
}
