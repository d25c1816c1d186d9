package dev.deployverify.selftest.support;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What the suite's own tests share inside their one JVM, now that they run in parallel (surefire's configuration in
 * pom.xml), and how they take turns on it.
 *
 * <p>A run of checks in this JVM starts a reference deployment when its session opens and stops it when the session
 * closes, and both leave process-wide state behind: {@code ReferenceDeployments.substitute} (a stand-in that replaces
 * the Java ones for every deployment started while it is open), {@code lastVariables()} (written by each start),
 * {@code lastLeftovers()} (written by each stop), and the Allure {@code environment.properties} that each session
 * writes as it opens, into the one {@code allure.results.directory}. Between its start and its stop a run touches none
 * of it. So a {@link CheckRun} holds this lock only while its deployment starts and while it stops (see there): the
 * read lock, so that runs overlap freely; or the write lock, for the run of a test that opens a substitute for its own
 * start or reads what its own start or stop left (then no other run starts or stops meanwhile, and nothing else
 * waits longer than one start or stop).
 *
 * <p>A run of checks through a launcher of its own takes the same turns: the read lock from start to stop
 * ({@link #shared}), or the write lock for its start ({@link #exclusiveStart}) and around a swap of process-wide state
 * its sessions read (a system property, Allure's global lifecycle: {@link #exclusive}).
 *
 * <p>The lock is held by the thread running the test, never across JUnit's scheduling, and whoever holds it waits
 * for nothing but its own start, stop or test: it cannot deadlock with JUnit's own resource locks.
 */
public final class SharedState {

    /** Fair: a test waiting for the write lock is not starved by a stream of runs that keep the read lock busy. */
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock(true);

    private SharedState() {
    }

    /**
     * The read lock: held while a run of checks in this JVM that goes through no {@link CheckRun} (a launcher of its
     * own) runs, start to stop.
     */
    public static Held shared() {
        return hold(LOCK.readLock());
    }

    /** The write lock: no other run in this JVM starts or stops while it is held. */
    public static Held exclusive() {
        return hold(LOCK.writeLock());
    }

    static Held hold(boolean exclusive) {
        return exclusive ? exclusive() : shared();
    }

    private static Held hold(Lock lock) {
        lock.lock();
        return lock::unlock;
    }

    /**
     * For a run of checks in this JVM through a launcher of its own (not a {@link CheckRun}) that must know what its
     * own deployment published: takes the write lock now and keeps it until the run's first check class is reported
     * (its session, opened first, has started the deployment), runs the action then, and gives the lock back. Pass it
     * to the launcher's {@code execute} as a listener, in this thread; close it after the run (a run that never got
     * that far gives the lock back then).
     */
    public static StartWatch exclusiveStart(Runnable whenStarted) {
        return new StartWatch(exclusive(), whenStarted);
    }

    /** See {@link #exclusiveStart}. */
    public static final class StartWatch implements TestExecutionListener, AutoCloseable {
        private final Runnable whenStarted;
        private Held held;
        private TestPlan plan;

        private StartWatch(Held held, Runnable whenStarted) {
            this.held = held;
            this.whenStarted = whenStarted;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            started(identifier);
        }

        @Override
        public void executionSkipped(TestIdentifier identifier, String reason) {
            started(identifier);
        }

        private void started(TestIdentifier identifier) {
            boolean checkClass = plan != null && plan.getParent(identifier).map(parent -> parent.getParentIdObject().isEmpty()).orElse(false);
            if (held != null && checkClass) {
                try {
                    whenStarted.run();
                } finally {
                    close();
                }
            }
        }

        @Override
        public void close() {
            if (held != null) {
                Held lock = held;
                held = null;
                lock.close();
            }
        }
    }

    /** A lock held until closed (by the thread that took it). */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
