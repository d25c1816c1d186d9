package dev.deployverify.selftest.trust;

import dev.deployverify.systems.Systems;
import dev.deployverify.junit.Mutating;
import dev.deployverify.reference.ReferenceDeployment;
import dev.deployverify.selftest.support.CheckRun;
import dev.deployverify.selftest.support.RealServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that create data ({@code @Mutating}) never run where the environment does not allow them (production by
 * default): each is skipped with the reason, for every system, while the read-only checks still run. Where they
 * are allowed, a full run deletes what it created: the reference's census of test data is back to its seed.
 */
@Isolated // two full runs, load checks included: their latency budgets hold on a quiet machine, not beside other tests
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionSafetyTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", "."));

    /** Every check, read-only (mutatingChecks: false). */
    private CheckRun.Outcome readOnly;
    /** Every check, mutating ones allowed, against a reference this test keeps to take its census afterwards. */
    private CheckRun.Outcome mutating;
    private Map<String, Map<String, Integer>> leftovers;

    /**
     * Both full runs at once, each on a reference deployment of its own: a run spends most of its time waiting on
     * loopback, and this class has the machine to itself.
     */
    @BeforeAll
    void runEveryCheckReadOnlyAndMutating(@TempDir Path dir) throws Exception {
        RealServers.requirePostgresAndRedis();
        String local = Files.readString(PROJECT.resolve("environments/local.yaml"));
        Path readOnlyFile = dir.resolve("read-only.yaml");
        Files.writeString(readOnlyFile, local.replaceFirst("(?m)^mutatingChecks: true$", "mutatingChecks: false"));
        CompletableFuture<CheckRun.Outcome> readOnlyRun = CompletableFuture.supplyAsync(() ->
                CheckRun.againstEnvironmentFile(readOnlyFile).runEveryCheck());
        try (ReferenceDeployment reference = CheckRun.startReference()) {
            mutating = CheckRun.against(reference).runEveryCheck();
            leftovers = reference.leftovers();
        } finally {
            readOnly = readOnlyRun.get(5, TimeUnit.MINUTES);
        }
    }

    @Test
    void productionDisallowsMutatingChecks() throws IOException {
        assertThat(Files.readString(PROJECT.resolve("environments/production.yaml")))
                .as("environments/production.yaml").containsPattern("(?m)^mutatingChecks: false\\s*$");
    }

    @Test
    void everyMutatingCheckOfEverySystemIsSkippedWithTheReasonWhereNotAllowed() {
        List<String> mutatingChecks = mutatingChecks();
        assertThat(mutatingChecks).as("@Mutating checks and check classes").hasSizeGreaterThanOrEqualTo(10);

        assertThat(readOnly.failed()).as("checks failing against the healthy reference, read-only").isEmpty();
        assertThat(readOnly.passed()).as("read-only checks still run").hasSizeGreaterThan(80)
                .doesNotContainAnyElementsOf(mutatingChecks);
        assertThat(mutatingChecks).allSatisfy(check -> assertThat(readOnly.skipped())
                .as("skipped checks").hasEntrySatisfying(check, reason -> assertThat(reason)
                        .contains("mutating check (").contains("does not allow mutating checks (mutatingChecks: false)")));
    }

    @Test
    void aFullRunWhereMutatingChecksAreAllowedLeavesNoTestDataBehind() {
        assertThat(mutating.failed()).as("checks failing against the healthy reference").isEmpty();
        assertThat(mutating.passed()).as("checks that ran, the mutating ones among them").containsAll(mutatingMethodChecks());
        assertThat(leftovers)
                .as("test data the checks created and did not delete, by system and kind (deletable kinds only)")
                .isEmpty();
    }

    private static List<String> mutatingMethodChecks() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : checkClasses()) {
            ReflectionSupport.findMethods(type, ProductionSafetyTest::isMutating, HierarchyTraversalMode.TOP_DOWN)
                    .forEach(m -> names.add(displayName(m)));
        }
        return names;
    }

    private static List<Class<?>> checkClasses() {
        return Systems.checkClasses();
    }

    /** Display names of the check methods and check classes annotated {@code @Mutating}, across every system. */
    private static List<String> mutatingChecks() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : checkClasses()) {
            if (isMutating(type)) {
                names.add(displayName(type));
                continue;
            }
            ReflectionSupport.findMethods(type, ProductionSafetyTest::isMutating, HierarchyTraversalMode.TOP_DOWN)
                    .forEach(m -> names.add(displayName(m)));
        }
        return names;
    }

    private static boolean isMutating(AnnotatedElement element) {
        return AnnotationSupport.isAnnotated(element, Mutating.class);
    }

    private static String displayName(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, DisplayName.class).map(DisplayName::value)
                .orElseThrow(() -> new IllegalStateException(element + " has no @DisplayName"));
    }
}
