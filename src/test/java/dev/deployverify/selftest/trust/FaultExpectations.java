package dev.deployverify.selftest.trust;

import dev.deployverify.systems.Fault;
import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.Systems;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which checks each fault must turn red: the union of the detection cases its enum constant carries. */
final class FaultExpectations {

    /**
     * @param checks      the check classes to run with the fault on
     * @param red         the checks expected red (each a prefix or part of the check's display name)
     * @param environment an environment file of its own, or null for the reference's local.yaml
     */
    record Expectation(String fault, List<Class<?>> checks, List<String> red, Path environment) {
    }

    private FaultExpectations() {
    }

    /** Fault ({@code system.fault}) -> its expectation; a fault proven by several cases gets their union. */
    static Map<String, Expectation> all() {
        Map<String, Expectation> all = new LinkedHashMap<>();
        for (Fault fault : Systems.faults()) {
            List<Class<?>> checks = new ArrayList<>();
            List<String> red = new ArrayList<>();
            Path environment = null;
            for (FaultSpec.Detection detection : fault.spec().caughtBy()) {
                detection.checks().stream().filter(c -> !checks.contains(c)).forEach(checks::add);
                red.addAll(detection.red());
                if (environment == null && detection.environment() != null) {
                    environment = testResource(detection.environment());
                }
            }
            all.put(Systems.id(fault), new Expectation(Systems.id(fault), List.copyOf(checks), List.copyOf(red), environment));
        }
        return all;
    }

    /** A detection case's own environment file, under src/test/resources. */
    static Path testResource(String path) {
        return Path.of(System.getProperty("basedir", "."), "src/test/resources").resolve(path);
    }
}
