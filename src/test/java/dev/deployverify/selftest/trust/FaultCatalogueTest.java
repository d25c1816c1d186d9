package dev.deployverify.selftest.trust;

import dev.deployverify.systems.Systems;
import dev.deployverify.evidence.ChecklistCatalogue;
import dev.deployverify.junit.Verifies;
import dev.deployverify.selftest.support.FaultCatalogue;
import dev.deployverify.systems.FaultSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault catalogue (every system's fault enum) is complete and consistent (fast, no run): every fault has a kind,
 * what it breaks and the checklist items it violates, every system has faults of each kind, and every fault has a
 * detection case ({@link FaultDetectionTest} runs them). {@link DetectionScoreTest} runs them and prints the score.
 */
class FaultCatalogueTest {

    private final List<FaultCatalogue.Fault> catalogue = FaultCatalogue.load();

    @Test
    void everySystemIsFoundAndEveryFaultIdIsUnique() {
        assertThat(Systems.names()).as("systems found on the class path").hasSizeGreaterThanOrEqualTo(5).doesNotHaveDuplicates();
        assertThat(catalogue).extracting(FaultCatalogue.Fault::name).as("fault ids").doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[a-z0-9]+\\.[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(catalogue).as("what each fault breaks").allSatisfy(fault -> assertThat(fault.breaks()).isNotBlank());
    }

    @Test
    void everyFaultViolatesKnownChecklistItemsOrNamesTheBriefsRequirement() {
        ChecklistCatalogue checklists = ChecklistCatalogue.load(Systems.names());
        Set<String> ids = checklists.checklists().values().stream()
                .flatMap(c -> c.items().stream()).map(ChecklistCatalogue.Item::id).collect(Collectors.toSet());
        assertThat(catalogue).allSatisfy(fault -> {
            assertThat(fault.violates().isEmpty() && fault.brief().isBlank())
                    .as("%s names neither a checklist item nor the brief's requirement", fault.name()).isFalse();
            assertThat(ids).as("checklist items %s violates", fault.name()).containsAll(fault.violates());
            assertThat(fault.violates()).as("items of %s are its own system's", fault.name())
                    .allSatisfy(id -> assertThat(checklists.checklists().get(fault.system()).items())
                            .anySatisfy(item -> assertThat(item.id()).isEqualTo(id)));
        });
    }

    @Test
    void everySystemHasAtLeastEightFaultsCoveringEveryKind() {
        Map<String, List<FaultCatalogue.Fault>> bySystem = catalogue.stream()
                .collect(Collectors.groupingBy(FaultCatalogue.Fault::system));
        assertThat(bySystem).as("systems with faults").containsOnlyKeys(Systems.names());
        bySystem.forEach((system, faults) -> {
            assertThat(faults).as("faults of %s", system).hasSizeGreaterThanOrEqualTo(8);
            assertThat(faults.stream().map(FaultCatalogue.Fault::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultSpec.Kind.class))))
                    .as("kinds of bad deploy %s's faults stand for", system)
                    .containsExactlyInAnyOrder(FaultSpec.Kind.values());
        });
    }

    @Test
    void everyFaultHasADetectionCaseNamingTheChecksThatMustGoRed() {
        Map<String, FaultExpectations.Expectation> expectations = FaultExpectations.all();

        assertThat(expectations.keySet()).as("faults with a detection case")
                .containsExactlyInAnyOrderElementsOf(catalogue.stream().map(FaultCatalogue.Fault::name).toList());
        assertThat(expectations.values()).allSatisfy(expectation -> {
            assertThat(expectation.checks()).as("check classes run with %s", expectation.fault()).isNotEmpty();
            assertThat(expectation.red()).as("checks expected red with %s", expectation.fault()).isNotEmpty();
        });
    }

    /**
     * No fault is caught only by an unrelated check: a check expected red that declares the checklist items it
     * verifies ({@code @Verifies}) verifies one of the items the fault violates.
     */
    @Test
    void theChecksExpectedToCatchAFaultVerifyTheItemsItViolates() {
        Map<String, FaultExpectations.Expectation> expectations = FaultExpectations.all();
        List<String> unrelated = new ArrayList<>();
        int related = 0;
        for (FaultCatalogue.Fault fault : catalogue) {
            FaultExpectations.Expectation expectation = expectations.get(fault.name());
            for (Class<?> checks : expectation.checks()) {
                for (Method check : ReflectionSupport.findMethods(checks,
                        m -> AnnotationSupport.isAnnotated(m, DisplayName.class), HierarchyTraversalMode.TOP_DOWN)) {
                    String name = AnnotationSupport.findAnnotation(check, DisplayName.class).orElseThrow().value();
                    boolean expectedRed = expectation.red().stream().anyMatch(red -> name.contains(red) || red.contains(name));
                    List<String> verifies = AnnotationSupport.findAnnotation(check, Verifies.class)
                            .map(v -> List.of(v.value())).orElse(List.of());
                    if (!expectedRed || verifies.isEmpty() || fault.violates().isEmpty()) {
                        continue;
                    }
                    if (verifies.stream().anyMatch(fault.violates()::contains)) {
                        related++;
                    } else {
                        unrelated.add(fault.name() + " (violates " + fault.violates() + ") caught by '" + name + "' (verifies " + verifies + ")");
                    }
                }
            }
        }
        assertThat(related).as("fault/check pairs related through @Verifies").isGreaterThan(30);
        assertThat(unrelated).as("faults caught by a check verifying none of the items they violate").isEmpty();
    }

    /**
     * The README's fault table is generated from the enums, never written by hand: it fails when the two differ, and
     * {@code mvn test -Dtest=FaultCatalogueTest -Dreadme.update=true} rewrites the table.
     */
    @Test
    void theReadmeFaultTableIsTheEnums() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", "."), "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        assertThat(start).as("README.md has the fault table's start marker").isNotNegative();
        assertThat(end).as("README.md has the fault table's end marker").isGreaterThan(start);
        String generated = TABLE_START + "\n" + faultTable();
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(readme, text.substring(0, start) + generated + text.substring(end));
            return;
        }
        assertThat(text.substring(start, end)).as("README.md's fault table (rewrite it with -Dreadme.update=true)")
                .isEqualTo(generated);
    }

    private static final String TABLE_START = "<!-- fault table: generated from the fault enums (FaultCatalogueTest) -->";
    private static final String TABLE_END = "<!-- end of fault table -->";

    private String faultTable() {
        StringBuilder md = new StringBuilder("| fault | kind | violates | what breaks |\n|---|---|---|---|\n");
        catalogue.forEach(fault -> md.append("| `").append(fault.name()).append("` | ").append(fault.kind())
                .append(" | ").append(fault.violation()).append(" | ").append(fault.breaks().replace("|", "\\|"))
                .append(" |\n"));
        return md.toString();
    }
}
