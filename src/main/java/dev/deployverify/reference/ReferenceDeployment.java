package dev.deployverify.reference;

import java.util.Map;
import java.util.Set;

/**
 * The embedded stand-in of every system, started for a run against an environment with {@code reference: true}.
 * Found with {@link java.util.ServiceLoader}, so the toolkit never depends on it: checks reach it only over the
 * network, through the URLs it publishes as {@code ${reference.*}} variables.
 */
public interface ReferenceDeployment extends AutoCloseable {

    /** Variables for the environment file: URLs on loopback and this run's random credentials. */
    Map<String, String> variables();

    /** Faults it was started with (names like {@code <system>.health-down}). */
    Set<String> faults();

    /**
     * Test data the checks created and did not delete, per system (kind -> count), for systems whose API can delete
     * what the checks create.
     */
    Map<String, Map<String, Integer>> leftovers();

    @Override
    void close();

    /**
     * Starts the stand-ins of the given systems (a run selecting one system starts that one alone) with the given
     * faults switched on.
     */
    interface Factory {
        ReferenceDeployment start(Set<String> systems, Set<String> faults);
    }
}
