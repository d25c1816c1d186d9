package dev.deployverify.selftest.evidence;

import dev.deployverify.systems.Systems;
import dev.deployverify.junit.Verifies;
import dev.deployverify.junit.VerifiesContract;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every check says what it stands for: the checklist items it verifies ({@code @Verifies}) or, where no item covers
 * it, the contract it verifies and why no item does ({@code @VerifiesContract}); never neither, never both.
 */
class EveryCheckAccountsForItselfTest {

    @Test
    void everyCheckVerifiesChecklistItemsOrAContractButNotBoth() {
        List<String> neither = new ArrayList<>();
        List<String> both = new ArrayList<>();
        checks().forEach(check -> {
            boolean items = AnnotationSupport.isAnnotated(check, Verifies.class);
            boolean contract = AnnotationSupport.isAnnotated(check, VerifiesContract.class);
            String name = check.getDeclaringClass().getSimpleName() + "." + check.getName();
            if (!items && !contract) {
                neither.add(name);
            } else if (items && contract) {
                both.add(name);
            }
        });
        assertThat(neither).as("checks with neither @Verifies nor @VerifiesContract").isEmpty();
        assertThat(both).as("checks with both @Verifies and @VerifiesContract").isEmpty();
    }

    @Test
    void everyContractSaysWhichContractAndWhyNoItemCoversIt() {
        List<String> unexplained = new ArrayList<>();
        checks().forEach(check -> AnnotationSupport.findAnnotation(check, VerifiesContract.class)
                .filter(c -> c.value().isBlank() || c.uncoveredBecause().isBlank())
                .ifPresent(c -> unexplained.add(check.getDeclaringClass().getSimpleName() + "." + check.getName())));
        assertThat(unexplained).as("@VerifiesContract without a contract or a reason").isEmpty();
    }

    @Test
    void theChecksAreFound() {
        // Guards the two tests above against passing on nothing (a moved package, a renamed annotation).
        assertThat(checks()).hasSizeGreaterThan(100);
    }

    /** Every test method (@Test, @ParameterizedTest and the composed check annotations) in every system's check classes. */
    static List<Method> checks() {
        return Systems.checkClasses().stream()
                .flatMap(type -> ReflectionSupport.findMethods(type, m -> AnnotationSupport.isAnnotated(m, Testable.class),
                        HierarchyTraversalMode.TOP_DOWN).stream())
                .distinct()
                .toList();
    }
}
