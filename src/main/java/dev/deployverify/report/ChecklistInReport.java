package dev.deployverify.report;

import dev.deployverify.systems.Systems;
import dev.deployverify.evidence.ChecklistCatalogue;
import dev.deployverify.evidence.ChecklistCatalogue.Checklist;
import dev.deployverify.evidence.ChecklistCatalogue.Item;
import dev.deployverify.evidence.ChecklistCatalogue.Section;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import dev.deployverify.junit.VerifiesSystem;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the checklist into the Allure report. Each check's result carries the items it verifies ({@link Verifies}):
 * a tag and a link to the sign-off sheet's row per item, and Behaviors grouping by checklist (epic) and, per item,
 * "section › id text" (feature). Its name starts with the item ids, because the report's search box matches test names
 * only (a {@code tag:} query matches tags exactly). A {@link VerifiesContract} check is grouped under its system's
 * checklist as a contract check, and its description says which contract and why no item covers it.
 *
 * <p>Allure calls this for every result it writes (passed, failed, skipped or disabled alike): registered in
 * {@code META-INF/services/io.qameta.allure.listener.TestLifecycleListener}. The JUnit display names stay as they
 * are; only the report's copy changes.
 */
public final class ChecklistInReport implements TestLifecycleListener {

    /** The Behaviors feature of the checks that verify a contract and no checklist item. */
    public static final String CONTRACT_FEATURE = "Contract checks (no checklist item)";

    /** Tags every contract check, so that {@code tag:contract} lists them. */
    public static final String CONTRACT_TAG = "contract";

    private static volatile ChecklistCatalogue catalogue;

    @Override
    public void beforeTestWrite(TestResult result) {
        checkOf(result).ifPresent(check -> AnnotationSupport.findAnnotation(check, Verifies.class).ifPresentOrElse(
                verifies -> addItems(result, List.of(verifies.value())),
                () -> AnnotationSupport.findAnnotation(check, VerifiesContract.class).ifPresent(
                        contract -> addContract(result, check.getDeclaringClass(), contract))));
    }

    private static void addItems(TestResult result, List<String> ids) {
        replaceGrouping(result);
        Set<String> epics = new LinkedHashSet<>();
        for (String id : ids) {
            result.getLabels().add(ResultsUtils.createTagLabel(id));
            Optional<Located> located = locate(id);
            if (located.isEmpty()) {  // an id the catalogue lacks: ChecklistCatalogueTest names it
                result.getLabels().add(ResultsUtils.createFeatureLabel(id));
                continue;
            }
            Located at = located.get();
            String item = id + " " + at.item().text();
            epics.add(at.checklist().title());
            // One label per item, naming its section first: Allure builds Behaviors from every combination of a
            // result's epic, feature and story labels, so separate section and item labels would place a check
            // whose items lie in several sections under sections its items are not in. Sorted by name, the items
            // of a section stand together.
            result.getLabels().add(ResultsUtils.createFeatureLabel(at.section().title() + " › " + item));
            // Relative to allure-report/index.html: the sign-off sheets are written beside the report.
            result.getLinks().add(new Link().setName(item).setType("link")
                    .setUrl("../sign-off/" + at.checklist().system() + ".html#" + id));
        }
        epics.forEach(epic -> result.getLabels().add(ResultsUtils.createEpicLabel(epic)));
        String prefix = String.join(", ", ids) + " ";
        if (result.getName() != null && !result.getName().startsWith(prefix)) {
            result.setName(prefix + result.getName());
        }
    }

    private static void addContract(TestResult result, Class<?> checkClass, VerifiesContract contract) {
        replaceGrouping(result);
        String epic = AnnotationSupport.findAnnotation(checkClass, VerifiesSystem.class)
                .map(system -> catalogue().checklist(system.value()).map(Checklist::title).orElse(system.value()))
                .orElse(checkClass.getSimpleName());
        result.getLabels().add(ResultsUtils.createEpicLabel(epic));
        result.getLabels().add(ResultsUtils.createFeatureLabel(CONTRACT_FEATURE));
        result.getLabels().add(ResultsUtils.createTagLabel(CONTRACT_TAG));
        String said = "**Contract verified:** " + contract.value() + "\n\n**No checklist item, because:** " + contract.uncoveredBecause();
        String description = result.getDescription();
        result.setDescription(description == null || description.isBlank() ? said : said + "\n\n" + description);
    }

    /**
     * The checklist is the report's one Behaviors grouping: any epic, feature or story an annotation put on the check
     * (by kind or by system) would otherwise list it a second time, elsewhere in the tree.
     */
    private static void replaceGrouping(TestResult result) {
        result.getLabels().removeIf(label -> Set.of(ResultsUtils.EPIC_LABEL_NAME, ResultsUtils.FEATURE_LABEL_NAME,
                ResultsUtils.STORY_LABEL_NAME).contains(label.getName()));
    }

    /** The check's method, from the labels allure-junit-platform gives every result of a Java test method. */
    static Optional<Method> checkOf(TestResult result) {
        Optional<String> className = label(result, "testClass");
        Optional<String> methodName = label(result, "testMethod");
        if (className.isEmpty() || methodName.isEmpty()) {
            return Optional.empty();
        }
        return ReflectionSupport.tryToLoadClass(className.get()).toOptional()
                .flatMap(type -> ReflectionSupport.findMethods(type, m -> m.getName().equals(methodName.get()),
                        HierarchyTraversalMode.BOTTOM_UP).stream().findFirst());
    }

    private static Optional<String> label(TestResult result, String name) {
        return result.getLabels().stream().filter(l -> name.equals(l.getName())).map(Label::getValue).findFirst();
    }

    private record Located(Checklist checklist, Section section, Item item) {
    }

    private static Optional<Located> locate(String id) {
        for (Checklist checklist : catalogue().checklists().values()) {
            for (Section section : checklist.sections()) {
                for (Item item : section.items()) {
                    if (item.id().equals(id)) {
                        return Optional.of(new Located(checklist, section, item));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Loaded on first use, not in a static initialiser: a failure then stays an exception Allure logs, not an Error. */
    private static ChecklistCatalogue catalogue() {
        ChecklistCatalogue loaded = catalogue;
        if (loaded == null) {
            synchronized (ChecklistInReport.class) {
                if (catalogue == null) {
                    catalogue = ChecklistCatalogue.load(Systems.names());
                }
                loaded = catalogue;
            }
        }
        return loaded;
    }
}
