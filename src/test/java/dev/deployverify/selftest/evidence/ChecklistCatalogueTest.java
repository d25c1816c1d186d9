package dev.deployverify.selftest.evidence;

import dev.deployverify.systems.Systems;
import dev.deployverify.evidence.ChecklistCatalogue;
import dev.deployverify.evidence.ChecklistCatalogue.Disposition;
import dev.deployverify.evidence.ChecklistCatalogue.Item;
import dev.deployverify.junit.Verifies;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue accounts for every checklist item, and the checks and the catalogue agree on what is automated. */
class ChecklistCatalogueTest {

    private final ChecklistCatalogue catalogue = ChecklistCatalogue.load(Systems.names());

    @Test
    void everyItemHasADispositionAndEveryManualOrNotApplicableItemAReason() {
        List<String> undecided = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        catalogue.checklists().values().forEach(checklist -> checklist.items().forEach(item -> {
            if (item.disposition().isEmpty()) {
                undecided.add(item.id());
            } else if (item.disposition().get() != Disposition.AUTOMATED && item.reason().isBlank()) {
                unexplained.add(item.id());
            }
        }));
        assertThat(undecided).as("items without a disposition").isEmpty();
        assertThat(unexplained).as("manual or not-applicable items without a reason").isEmpty();
    }

    @Test
    void idsAreUnique() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        catalogue.checklists().values().forEach(c -> c.items().forEach(i -> {
            if (!seen.add(i.id())) {
                duplicates.add(i.id());
            }
        }));
        assertThat(duplicates).isEmpty();
    }

    @Test
    void checksNameOnlyAutomatedItemsThatExist() {
        Map<String, List<String>> checksByItem = checksByItem();
        List<String> unknown = new ArrayList<>();
        List<String> notAutomated = new ArrayList<>();
        checksByItem.forEach((id, checks) -> {
            Item item = catalogue.item(id).orElse(null);
            if (item == null) {
                unknown.add(id + " (named by " + checks + ")");
            } else if (item.disposition().orElse(null) != Disposition.AUTOMATED) {
                notAutomated.add(id + " (named by " + checks + ")");
            }
        });
        assertThat(unknown).as("@Verifies ids not in any catalogue").isEmpty();
        assertThat(notAutomated).as("@Verifies ids whose catalogue disposition is not automated").isEmpty();
    }

    @Test
    void everyAutomatedItemHasACheck() {
        Map<String, List<String>> checksByItem = checksByItem();
        List<String> orphans = new ArrayList<>();
        catalogue.checklists().values().forEach(c -> c.items().stream()
                .filter(i -> i.disposition().orElse(null) == Disposition.AUTOMATED)
                .filter(i -> !checksByItem.containsKey(i.id()))
                .forEach(i -> orphans.add(i.id() + " " + i.text())));
        assertThat(orphans).as("automated items no check verifies").isEmpty();
    }

    @Test
    void theCatalogueIsNotEmptyForAnyKnownSystem() {
        Systems.names().forEach(system ->
                assertThat(catalogue.checklist(system).orElseThrow().items()).as(system).isNotEmpty());
    }

    static Map<String, List<String>> checksByItem() {
        Map<String, List<String>> result = new HashMap<>();
        Systems.checkClasses().forEach(type -> {
            for (Method method : type.getDeclaredMethods()) {
                Verifies verifies = method.getAnnotation(Verifies.class);
                if (verifies != null) {
                    Arrays.stream(verifies.value()).forEach(id ->
                            result.computeIfAbsent(id, k -> new ArrayList<>()).add(type.getSimpleName() + "." + method.getName()));
                }
            }
        });
        return result;
    }
}
