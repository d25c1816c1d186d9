package dev.deployverify.selftest.trust;

import dev.deployverify.junit.BrowserCheck;
import dev.deployverify.junit.InfraCheck;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import dev.deployverify.systems.Fault;
import dev.deployverify.systems.FaultSpec;
import dev.deployverify.systems.Systems;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every fault of every system's stand-in turns exactly its checks red: each detection case its enum constant carries
 * runs the case's check classes against the reference deployment with the fault on, and the checks it names, and no
 * other, must fail with a clear message. The healthy reference is proven green by each system's own tests.
 * {@code mvn test -Dtest=FaultDetectionTest -Dfaults=<system>} runs one system's faults.
 */
class FaultDetectionTest {

    static Stream<Arguments> cases() {
        return allCases().filter(c -> !opensABrowser((FaultSpec.Detection) ((Named<?>) c.get()[1]).getPayload()));
    }

    static Stream<Arguments> browserCases() {
        return allCases().filter(c -> opensABrowser((FaultSpec.Detection) ((Named<?>) c.get()[1]).getPayload()));
    }

    private static Stream<Arguments> allCases() {
        // -Dfaults=<system>[.<fault>] narrows the run to the faults whose id starts so (one system while working on it).
        String only = System.getProperty("faults", "");
        List<Arguments> cases = new ArrayList<>();
        for (Fault fault : Systems.faults().stream().filter(f -> Systems.id(f).startsWith(only)).toList()) {
            List<FaultSpec.Detection> detections = fault.spec().caughtBy();
            for (int i = 0; i < detections.size(); i++) {
                FaultSpec.Detection detection = detections.get(i);
                String checks = String.join(", ", detection.checks().stream().map(Class::getSimpleName).toList());
                cases.add(Arguments.of(Named.of(Systems.id(fault), fault), Named.of(checks, detection)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void faultTurnsExactlyItsChecksRed(Fault fault, FaultSpec.Detection detection) {
        turnsExactlyItsChecksRed(fault, detection);
    }

    /** The cases whose checks open a browser: apart, so that they never run beside the tests that time the machine. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("browserCases")
    @ResourceLock(value = RealServers.BROWSER_CPU, mode = ResourceAccessMode.READ_WRITE)
    void faultTurnsExactlyItsChecksRedInABrowser(Fault fault, FaultSpec.Detection detection) {
        RealServers.requireChromium();
        turnsExactlyItsChecksRed(fault, detection);
    }

    private static boolean opensABrowser(FaultSpec.Detection detection) {
        return detection.checks().stream().anyMatch(checks -> has(checks, BrowserCheck.class));
    }

    private static void turnsExactlyItsChecksRed(Fault fault, FaultSpec.Detection detection) {
        if (detection.checks().stream().anyMatch(checks -> has(checks, InfraCheck.class))) {
            RealServers.requirePostgresAndRedis();
        }
        String id = Systems.id(fault);
        CheckRun run = detection.environment() == null ? CheckRun.againstReference(id)
                : CheckRun.againstEnvironmentFile(FaultExpectations.testResource(detection.environment()), id);

        run.run(detection.checks().toArray(Class<?>[]::new)).assertExactlyRed(fault.shortName(), detection.red());
    }

    private static boolean has(Class<?> checks, Class<? extends java.lang.annotation.Annotation> kind) {
        return !AnnotationSupport.findAnnotatedMethods(checks, kind,
                org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN).isEmpty();
    }
}
