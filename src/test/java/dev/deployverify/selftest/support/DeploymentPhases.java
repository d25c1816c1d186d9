package dev.deployverify.selftest.support;

import dev.deployverify.reference.ReferenceDeployments;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * The JUnit Jupiter engine as a {@link CheckRun} executes it, telling the run's two moments that touch the reference
 * deployment's process-wide state (see {@link SharedState}) apart from the rest: the start, from the beginning of the
 * execution until the first check class is reported (its condition, evaluated first, opens the run's session: the
 * deployment starts, publishes its variables, is awaited, and environment.properties is written), and the stop, from
 * the end of the last check class until the engine reports its own end (its store closes the session: the
 * deployment stops and records its leftovers). {@link SharedState}'s lock is held during each of them, and only then.
 * Everything else is the Jupiter engine's own: this class only watches its events, in the thread that executes it.
 */
final class DeploymentPhases implements TestEngine {

    /** What a run wants of its own start and stop; the write lock is taken for a phase that has an action. */
    record Plan(Map<String, String> substitute, Runnable whenStarted, Runnable whenStopped) {
    }

    private final TestEngine jupiter = ServiceLoader.load(TestEngine.class).stream().map(ServiceLoader.Provider::get)
            .filter(engine -> engine.getId().equals("junit-jupiter")).findFirst()
            .orElseThrow(() -> new IllegalStateException("no JUnit Jupiter engine on the class path"));
    private final Plan plan;
    private SharedState.Held held;
    private AutoCloseable substitution;
    private boolean started;
    private boolean stopping;
    private int classesDone;

    DeploymentPhases(Plan plan) {
        this.plan = plan;
    }

    /**
     * Its own id (JUnit reserves "junit-jupiter" for the engine itself): the runs' unique ids start with
     * {@code [engine:deploy-verify-phases]}, everything under it is the Jupiter engine's.
     */
    @Override
    public String getId() {
        return "deploy-verify-phases";
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        return jupiter.discover(request, uniqueId);
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        int classes = root.getChildren().size();
        EngineExecutionListener events = request.getEngineExecutionListener();
        EngineExecutionListener watching = new EngineExecutionListener() {
            @Override
            public void dynamicTestRegistered(TestDescriptor descriptor) {
                events.dynamicTestRegistered(descriptor);
            }

            @Override
            public void executionSkipped(TestDescriptor descriptor, String reason) {
                if (isCheckClass(descriptor)) {
                    startEnded();
                }
                events.executionSkipped(descriptor, reason);
                if (isCheckClass(descriptor)) {
                    classDone(classes);
                }
            }

            @Override
            public void executionStarted(TestDescriptor descriptor) {
                if (isCheckClass(descriptor)) {
                    startEnded();
                }
                events.executionStarted(descriptor);
            }

            @Override
            public void executionFinished(TestDescriptor descriptor, TestExecutionResult result) {
                if (descriptor.equals(root)) {
                    stopEnded();
                }
                events.executionFinished(descriptor, result);
                if (isCheckClass(descriptor)) {
                    classDone(classes);
                }
            }

            @Override
            public void reportingEntryPublished(TestDescriptor descriptor, ReportEntry entry) {
                events.reportingEntryPublished(descriptor, entry);
            }

            @Override
            public void fileEntryPublished(TestDescriptor descriptor, FileEntry file) {
                events.fileEntryPublished(descriptor, file);
            }

            private boolean isCheckClass(TestDescriptor descriptor) {
                return descriptor.getParent().filter(root::equals).isPresent();
            }
        };
        startBegins();
        if (classes == 0) {
            startEnded();
            stopBegins();
        }
        jupiter.execute(ExecutionRequest.create(root, watching, request.getConfigurationParameters(),
                request.getOutputDirectoryCreator(), request.getStore(), request.getCancellationToken()));
    }

    private void startBegins() {
        boolean exclusive = plan.substitute() != null || plan.whenStarted() != null;
        held = SharedState.hold(exclusive);
        if (plan.substitute() != null) {
            substitution = ReferenceDeployments.substitute(plan.substitute());
        }
    }

    private void startEnded() {
        if (started) {
            return;
        }
        started = true;
        try {
            if (plan.whenStarted() != null) {
                plan.whenStarted().run();
            }
        } finally {
            release();
        }
    }

    private void classDone(int classes) {
        if (++classesDone == classes) {
            stopBegins();
        }
    }

    private void stopBegins() {
        stopping = true;
        held = SharedState.hold(plan.whenStopped() != null);
    }

    private void stopEnded() {
        if (!stopping) {
            return;
        }
        stopping = false;
        try {
            if (plan.whenStopped() != null) {
                plan.whenStopped().run();
            }
        } finally {
            release();
        }
    }

    /** Gives back whatever is held (at the end of a phase, and after the execution whatever happened in it). */
    void release() {
        if (substitution != null) {
            try {
                substitution.close();
            } catch (Exception e) {
                // nothing to undo beyond the static hand-over
            }
            substitution = null;
        }
        if (held != null) {
            SharedState.Held lock = held;
            held = null;
            lock.close();
        }
    }
}
