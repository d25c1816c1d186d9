package dev.deployverify.junit;

import dev.deployverify.run.Inconclusive;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.TestAbortedException;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's progress: one line per check class (a class annotated, directly or through its system's annotation,
 * with {@link VerifiesSystem}) when it is done, e.g.
 * {@code [deploy-verify] YWMessaging: health  6 passed, 1 failed, 2 skipped  (2.1 s)}. A class whose shared setup
 * failed counts each of its checks the way the verdict does (failed, inconclusive or skipped); a class that did not run
 * at all (its system not ready, not in the environment) counts each of its checks as skipped and says why. Classes that
 * are not system checks (the suite's own tests) print nothing.
 *
 * <p>Registered with the JUnit Platform launcher in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, so failsafe (and any launcher) picks it
 * up; it reads nothing from the checks and changes no outcome.
 */
public class CheckProgress implements TestExecutionListener {

    static final String PREFIX = "[deploy-verify] ";
    /** How {@link VerificationExtension} words the reason of a class whose system did not become ready. */
    private static final String INCONCLUSIVE = "inconclusive: ";

    private final PrintStream out;
    private TestPlan plan;
    private final Map<String, Tally> tallies = new HashMap<>();

    public CheckProgress() {
        this(null);
    }

    /** @param out where the lines go; null: {@code System.out} at the time of each line (what failsafe captures) */
    CheckProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
        tallies.clear();
    }

    @Override
    public synchronized void executionStarted(TestIdentifier identifier) {
        if (isCheckClass(identifier)) {
            tallies.put(identifier.getUniqueId(), new Tally(System.nanoTime()));
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (plan == null) {
            return;
        }
        if (isCheckClass(identifier)) {
            // Not run at all: its system did not become ready (inconclusive), or is not in the environment (skipped).
            Tally tally = new Tally(-1);
            String why = reason == null ? "disabled" : oneLine(reason);
            if (why.startsWith(INCONCLUSIVE)) {
                tally.inconclusive = checksIn(identifier);
                why = why.substring(INCONCLUSIVE.length());
            } else {
                tally.skipped = checksIn(identifier);
            }
            print(identifier, tally, why);
            return;
        }
        checkClassOf(identifier).map(tallies::get).ifPresent(tally -> {
            tally.skipped += identifier.isTest() ? 1 : checksIn(identifier);
            markReported(tally, identifier);
        });
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (plan == null) {
            return;
        }
        if (isCheckClass(identifier)) {
            Tally tally = tallies.remove(identifier.getUniqueId());
            if (tally == null) {
                return;
            }
            // A failed shared setup: JUnit reports the class only; each of its checks has the setup's outcome.
            int unreported = unreportedChecks(identifier, tally);
            if (unreported > 0) {
                switch (classify(result)) {
                    case PASSED -> tally.passed += unreported;
                    case FAILED -> tally.failed += unreported;
                    case INCONCLUSIVE -> tally.inconclusive += unreported;
                    case SKIPPED -> tally.skipped += unreported;
                }
            }
            print(identifier, tally, null);
            return;
        }
        if (!identifier.isTest()) {
            return;
        }
        checkClassOf(identifier).map(tallies::get).ifPresent(tally -> {
            switch (classify(result)) {
                case PASSED -> tally.passed++;
                case FAILED -> tally.failed++;
                case INCONCLUSIVE -> tally.inconclusive++;
                case SKIPPED -> tally.skipped++;
            }
            markReported(tally, identifier);
        });
    }

    private enum Kind { PASSED, FAILED, INCONCLUSIVE, SKIPPED }

    private static Kind classify(TestExecutionResult result) {
        return switch (result.getStatus()) {
            case SUCCESSFUL -> Kind.PASSED;
            case ABORTED -> Kind.SKIPPED;
            case FAILED -> result.getThrowable().filter(Inconclusive.class::isInstance).isPresent() ? Kind.INCONCLUSIVE
                    : result.getThrowable().filter(TestAbortedException.class::isInstance).isPresent() ? Kind.SKIPPED
                    : Kind.FAILED;
        };
    }

    private void print(TestIdentifier checkClass, Tally tally, String notRunBecause) {
        StringBuilder line = new StringBuilder(PREFIX).append(name(checkClass)).append("  ")
                .append(tally.passed).append(" passed, ").append(tally.failed).append(" failed, ");
        if (tally.inconclusive > 0) {
            line.append(tally.inconclusive).append(" inconclusive, ");
        }
        line.append(tally.skipped).append(" skipped");
        if (notRunBecause != null) {
            line.append("  (not run: ").append(notRunBecause).append(')');
        } else if (tally.started >= 0) {
            line.append(String.format(Locale.ROOT, "  (%.1f s)", (System.nanoTime() - tally.started) / 1e9));
        }
        (out != null ? out : System.out).println(line);
    }

    /** The class's display name, which names its system ("YWMessaging: health"); else system and class name. */
    private static String name(TestIdentifier checkClass) {
        String display = checkClass.getDisplayName();
        if (display.contains(":")) {
            return display;
        }
        return systemOf(checkClass).map(system -> system + ": " + display).orElse(display);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A class that verifies a system, and is not nested in another such class (whose line covers it). */
    private boolean isCheckClass(TestIdentifier identifier) {
        if (systemOf(identifier).isEmpty()) {
            return false;
        }
        for (Optional<TestIdentifier> parent = parentOf(identifier); parent.isPresent(); parent = parentOf(parent.get())) {
            if (systemOf(parent.get()).isPresent()) {
                return false;
            }
        }
        return true;
    }

    private Optional<TestIdentifier> parentOf(TestIdentifier identifier) {
        return plan == null ? Optional.empty() : plan.getParent(identifier);
    }

    private Optional<String> checkClassOf(TestIdentifier identifier) {
        for (Optional<TestIdentifier> parent = parentOf(identifier); parent.isPresent(); parent = parentOf(parent.get())) {
            if (isCheckClass(parent.get())) {
                return Optional.of(parent.get().getUniqueId());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> systemOf(TestIdentifier identifier) {
        if (!identifier.isContainer() || !(identifier.getSource().orElse(null) instanceof ClassSource source)) {
            return Optional.empty();
        }
        try {
            return AnnotationSupport.findAnnotation(source.getJavaClass(), VerifiesSystem.class).map(VerifiesSystem::value);
        } catch (RuntimeException | LinkageError notLoadable) {
            return Optional.empty();
        }
    }

    /**
     * The checks under a node as the plan knows them: its tests, and each parameterized check (whose rows are only
     * known when it runs) as one.
     */
    private int checksIn(TestIdentifier node) {
        Set<TestIdentifier> children = plan.getChildren(node);
        if (node.isTest() || (children.isEmpty() && node.getSource().orElse(null) instanceof MethodSource)) {
            return 1;
        }
        return children.stream().mapToInt(this::checksIn).sum();
    }

    /** Checks of the class that were never reported (set up failed before them). */
    private int unreportedChecks(TestIdentifier node, Tally tally) {
        if (tally.reported.contains(node.getUniqueId())) {
            return 0;
        }
        Set<TestIdentifier> children = plan.getChildren(node);
        if (node.isTest() || (children.isEmpty() && node.getSource().orElse(null) instanceof MethodSource)) {
            return 1;
        }
        return children.stream().mapToInt(child -> unreportedChecks(child, tally)).sum();
    }

    /** Remembers that this node was reported, and its parameterized check (if it is one of its rows). */
    private void markReported(Tally tally, TestIdentifier identifier) {
        tally.reported.add(identifier.getUniqueId());
        parentOf(identifier).filter(parent -> parent.getSource().orElse(null) instanceof MethodSource)
                .ifPresent(template -> tally.reported.add(template.getUniqueId()));
    }

    private static final class Tally {
        final long started;
        int passed;
        int failed;
        int inconclusive;
        int skipped;
        final Set<String> reported = new HashSet<>();

        Tally(long started) {
            this.started = started;
        }
    }
}
