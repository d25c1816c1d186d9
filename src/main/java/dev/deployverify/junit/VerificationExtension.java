package dev.deployverify.junit;

import dev.deployverify.run.Inconclusive;
import dev.deployverify.run.SystemUnderTest;
import dev.deployverify.env.Environment;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.evidence.Redactor;
import dev.deployverify.evidence.RunRecord;
import dev.deployverify.evidence.FailureCause;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;

/**
 * Equips every check class (through {@link VerifiesSystem}): loads the run's environment once, skips a check whose
 * system is absent or that would create data where that is not allowed (each with the reason), injects
 * {@link SystemUnderTest}, rewrites failures so they name the checklist item and carry no secret, and records each
 * check's outcome for the sign-off sheet and the verdict. Nothing runs against a target that never became ready.
 */
public final class VerificationExtension implements ExecutionCondition, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler, TestWatcher, BeforeEachCallback {

    private static final ExtensionContext.Namespace SETUP = ExtensionContext.Namespace.create(VerificationExtension.class, "setup");
    private static final String INCONCLUSIVE_PREFIX = "inconclusive: ";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> system = systemOf(context);
        if (system.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a system check");
        }
        VerificationSession session = VerificationSession.of(context);
        Environment environment = session.environment();
        Optional<String> notReady = session.record().notReadyReason(system.get());
        if (notReady.isPresent()) {
            return disabledClass(context, INCONCLUSIVE_PREFIX + notReady.get());
        }
        if (environment.system(system.get()).isEmpty()) {
            return disabledClass(context, environment.absenceReason(system.get()));
        }
        Optional<Mutating> mutating = context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, Mutating.class));
        if (mutating.isPresent() && !environment.mutatingChecksAllowed()) {
            return ConditionEvaluationResult.disabled("mutating check (" + mutating.get().value() + "): environment "
                    + environment.name() + " does not allow mutating checks (mutatingChecks: false)");
        }
        return ConditionEvaluationResult.enabled("verifying " + system.get() + " in " + environment.name());
    }

    /**
     * A whole class left out: JUnit then reports the class alone, but the report lists each of its checks as
     * skipped, and so must the verdict (its counts are the report's).
     */
    private static ConditionEvaluationResult disabledClass(ExtensionContext context, String reason) {
        if (context.getTestMethod().isEmpty()) {
            RunRecord.Status status = reason.startsWith(INCONCLUSIVE_PREFIX) ? RunRecord.Status.INCONCLUSIVE : RunRecord.Status.SKIPPED;
            context.getTestClass().ifPresent(type -> AnnotationSupport
                    .findAnnotatedMethods(type, Testable.class, HierarchyTraversalMode.TOP_DOWN)
                    .forEach(check -> record(context, check, displayName(check),
                            context.getUniqueId() + "/[method:" + check.getName() + "]", tagsOf(context, check), status, reason)));
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    /**
     * Resolves, in a check's constructor or method: the environment, the redactor, the {@link SystemUnderTest}, and
     * anything built on it, i.e. any type with a public constructor taking only a {@code SystemUnderTest} (a system's
     * client, a shared check body such as {@code InfraVerification}): a new one for each parameter of each test
     * instance, so what a client remembers (what its check created) is its check's own. Such a constructor builds
     * nothing and asks for no setting: JUnit makes whatever it throws (a skip included) a failure to resolve.
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SystemUnderTest.class || type == Environment.class || type == Redactor.class
                || builtOnSystemUnderTest(type).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        VerificationSession session = VerificationSession.of(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == Environment.class) {
            return session.environment();
        }
        if (type == Redactor.class) {
            return session.redactor();
        }
        SystemUnderTest sut = systemUnderTest(context, type.getSimpleName());
        if (type == SystemUnderTest.class) {
            return sut;
        }
        String system = sut.target().name();
        Constructor<?> constructor = builtOnSystemUnderTest(type).orElseThrow();
        try {
            constructor.setAccessible(true);  // a public constructor of a package-private class (a system's client)
            return constructor.newInstance(sut);
        } catch (InvocationTargetException e) {
            // What the constructor threw, not the reflection around it: JUnit names it in the resolution failure.
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error thrown) {
                throw thrown;
            }
            throw new ParameterResolutionException("could not build " + type.getName() + " for " + system, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ParameterResolutionException("could not build " + type.getName() + " for " + system, e);
        }
    }

    /**
     * The system the check's class verifies, in this run's environment: what a check gets injected, for another
     * extension that equips checks with something built on it (a browser).
     */
    public static SystemUnderTest systemUnderTest(ExtensionContext context, String forWhat) {
        VerificationSession session = VerificationSession.of(context);
        String system = systemOf(context).orElseThrow(() ->
                new ParameterResolutionException(forWhat + " needs a class annotated with a system annotation"));
        SystemTarget target = session.environment().system(system).orElseThrow(() ->
                new ParameterResolutionException(system + " is not configured in environment " + session.environment().name()));
        return new SystemUnderTest(session.environment(), target, session.redactor(), session.record(),
                session.reportsDir(), session.scope());
    }

    /** The type's public constructor taking only the system under test, if it has one (and can be built at all). */
    private static Optional<Constructor<?>> builtOnSystemUnderTest(Class<?> type) {
        if (type.isInterface() || type.isPrimitive() || type.isArray() || Modifier.isAbstract(type.getModifiers())) {
            return Optional.empty();
        }
        return Arrays.stream(type.getConstructors())
                .filter(c -> c.getParameterCount() == 1 && c.getParameterTypes()[0] == SystemUnderTest.class)
                .findFirst();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw rewrite(context, throwable);
    }

    /**
     * A class's shared setup (a run observed once and judged by several checks) failed. Left to JUnit, only the
     * class would be reported and its checks would vanish from the verdict, the sign-off sheet and the report's
     * counts. Instead the setup's outcome is kept, and each check then ends with it (see {@link #beforeEach}): failed,
     * inconclusive, or skipped with the reason, named after its own checklist item.
     */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) {
        context.getStore(SETUP).put("failure", rewrite(context, throwable));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Throwable setup = setupFailure(context);
        if (setup == null) {
            return;
        }
        String message = context.getDisplayName() + ": shared setup of '" + context.getParent().map(ExtensionContext::getDisplayName).orElse("")
                + "' did not complete, so this check could not run: " + setup.getMessage();
        RuntimeException abort;
        if (setup instanceof TestAbortedException) {
            abort = new TestAbortedException(message);
        } else if (setup instanceof Inconclusive) {
            abort = new Inconclusive(message); // its message says "inconclusive: " already
        } else if (setup instanceof CheckFailed failed) {
            throw withStack(new CheckFailed(message, failed.cause()), setup);
        } else {
            abort = new CheckCouldNotComplete(message, setup instanceof CheckCouldNotComplete c ? c.cause() : FailureCause.BROKEN);
        }
        throw withStack(abort, setup);
    }

    /** Clean-up after checks whose setup never completed has nothing to clean, and would only fail on it. */
    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (setupFailure(context) == null) {
            throw rewrite(context, throwable);
        }
    }

    /**
     * As above; a clean-up that fails after checks that ran is recorded as a failed entry of its own (the report
     * shows it as one), so the counts still agree.
     */
    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (setupFailure(context) != null) {
            return;
        }
        Throwable rewritten = rewrite(context, throwable);
        Optional<String> system = systemOf(context);
        if (system.isPresent()) {
            try {
                VerificationSession session = VerificationSession.of(context);
                session.record().result(new RunRecord.CheckResult(system.get(), context.getDisplayName() + ": clean-up after its checks",
                        context.getUniqueId(), context.getTags(), List.of(), RunRecord.Status.FAILED,
                        session.redactor().redact(String.valueOf(rewritten.getMessage()))));
            } catch (RuntimeException noSession) {
                // no session: nothing is recorded, and the verdict is inconclusive anyway
            }
        }
        throw rewritten;
    }

    private static Throwable setupFailure(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            if (c.get().getTestMethod().isEmpty() && c.get().getTestClass().isPresent()) {
                Throwable failure = c.get().getStore(SETUP).get("failure", Throwable.class);
                if (failure != null) {
                    return failure;
                }
            }
        }
        return null;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw rewrite(context, throwable);
    }

    /**
     * The failure as the report shows it: prefixed by the check's display name (the checklist's wording) and with
     * every known secret masked. Assertion failures stay failures; anything else (a refused connection, a timeout)
     * stays an error that says the check could not complete.
     */
    static Throwable rewrite(ExtensionContext context, Throwable throwable) {
        Redactor redactor;
        try {
            redactor = VerificationSession.of(context).redactor();
        } catch (RuntimeException noSession) {
            return throwable;
        }
        String message = redactor.redact(String.valueOf(throwable.getMessage()));
        if (throwable instanceof TestAbortedException) {
            return message.equals(throwable.getMessage()) ? throwable : withStack(new TestAbortedException(message), throwable);
        }
        String item = context.getDisplayName();
        // One line: a console summary prints only a failure's first line, and expected/actual must be in it.
        message = message.strip().replaceAll("\\s*\\R\\s*", " ")
                // AssertJ's soft assertions name the suite's own source line of each failure: not the reader's concern
                .replaceAll(" at [\\w$.]+\\([\\w$]+\\.java:\\d+\\)", "");
        if (throwable instanceof CheckFailed || throwable instanceof CheckCouldNotComplete) {
            return throwable; // rewritten already
        }
        if (throwable instanceof Inconclusive) {
            return withStack(new Inconclusive(item + ": " + INCONCLUSIVE_PREFIX + message), throwable);
        }
        if (throwable instanceof AssertionError) {
            return withStack(new CheckFailed(item + ": " + message, FailureCause.of(throwable, context.getTags(), true)), throwable);
        }
        return withStack(new CheckCouldNotComplete(item + ": could not complete: "
                + throwable.getClass().getSimpleName() + ": " + message, FailureCause.of(throwable, context.getTags(), false)), throwable);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, RunRecord.Status.PASSED, "");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, cause instanceof Inconclusive ? RunRecord.Status.INCONCLUSIVE : RunRecord.Status.FAILED,
                String.valueOf(cause.getMessage()));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, RunRecord.Status.SKIPPED, cause == null ? "" : String.valueOf(cause.getMessage()));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        String why = reason.orElse("disabled");
        record(context, why.startsWith(INCONCLUSIVE_PREFIX) ? RunRecord.Status.INCONCLUSIVE : RunRecord.Status.SKIPPED, why);
    }

    /** Adds a check's outcome to the run's record, with the checklist items it verifies. */
    private static void record(ExtensionContext context, RunRecord.Status status, String message) {
        // A parameterized row is named after its method's display name unless its own name already says it.
        String name = context.getParent()
                .filter(parent -> parent.getTestMethod().isPresent() && parent.getTestMethod().equals(context.getTestMethod()))
                .filter(parent -> !context.getDisplayName().startsWith(parent.getDisplayName()))
                .map(parent -> parent.getDisplayName() + " " + context.getDisplayName())
                .orElse(context.getDisplayName());
        context.getTestMethod().ifPresent(check ->
                record(context, check, name, context.getUniqueId(), context.getTags(), status, message));
    }

    private static void record(ExtensionContext context, Method check, String name, String id,
                               Set<String> tags, RunRecord.Status status, String message) {
        Optional<String> system = systemOf(context);
        if (system.isEmpty()) {
            return;
        }
        VerificationSession session;
        try {
            session = VerificationSession.of(context);
        } catch (RuntimeException noSession) {
            return;
        }
        List<String> items = AnnotationSupport.findAnnotation(check, Verifies.class)
                .map(v -> List.of(v.value())).orElse(List.of());
        session.record().result(new RunRecord.CheckResult(system.get(), name, id, tags, items, status,
                session.redactor().redact(message)));
    }

    private static String displayName(Method check) {
        return AnnotationSupport.findAnnotation(check, DisplayName.class).map(DisplayName::value).orElse(check.getName() + "()");
    }

    /** The tags JUnit would give the check: its class's and its own (composed annotations included). */
    private static Set<String> tagsOf(ExtensionContext classContext, Method check) {
        Set<String> tags = new TreeSet<>(classContext.getTags());
        AnnotationSupport.findRepeatableAnnotations(check, Tag.class).forEach(tag -> tags.add(tag.value()));
        return tags;
    }

    private static <T extends Throwable> T withStack(T rewritten, Throwable original) {
        rewritten.setStackTrace(original.getStackTrace());
        return rewritten;
    }

    private static Optional<String> systemOf(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation((AnnotatedElement) type, VerifiesSystem.class))
                .map(VerifiesSystem::value);
    }

    /**
     * A check whose expectation the deployment did not meet. Its trace starts with the cause ("cause: contract: ..."),
     * which the report's categories match (see {@link FailureCause}).
     */
    public static final class CheckFailed extends AssertionError {
        private final FailureCause cause;

        public CheckFailed(String message, FailureCause cause) {
            super(message);
            this.cause = cause;
        }

        public FailureCause cause() {
            return cause;
        }

        @Override
        public String toString() {
            return "cause: " + cause.key() + ": " + getMessage();
        }
    }

    /** A check that could not reach a verdict because the target did not let it (connection refused, timeout), or the suite failed. */
    public static final class CheckCouldNotComplete extends RuntimeException {
        private final FailureCause cause;

        public CheckCouldNotComplete(String message, FailureCause cause) {
            super(message);
            this.cause = cause;
        }

        public FailureCause cause() {
            return cause;
        }

        @Override
        public String toString() {
            return "cause: " + cause.key() + ": " + getMessage();
        }
    }
}
