package dev.deployverify.browser;

import dev.deployverify.junit.VerificationExtension;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Optional;

/**
 * Equips a browser check (through {@link dev.deployverify.junit.BrowserCheck}): skips it, with the reason, where
 * Chromium or its driver is missing; injects the class's {@link Browser} (started by its first check, closed after
 * its last); attaches the screenshot, console and requests of each check to the report, whether it passed or not.
 */
public final class BrowserExtension implements ExecutionCondition, ParameterResolver, BeforeTestExecutionCallback,
        AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace BROWSERS = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Chromium.unavailableReason().map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("Chromium and chromedriver found"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browserOf(context);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        existing(context).ifPresent(Browser::beginCheck);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        existing(context).ifPresent(Browser::attachEvidence);
    }

    /** The class's browser: one per class, in the class's store, so JUnit closes it when the class is done. */
    private static Browser browserOf(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(BROWSERS).computeIfAbsent("browser",
                key -> Browser.start(VerificationExtension.systemUnderTest(context, "a browser")), Browser.class);
    }

    private static Optional<Browser> existing(ExtensionContext context) {
        return Optional.ofNullable(classContext(context).getStore(BROWSERS).get("browser", Browser.class));
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
