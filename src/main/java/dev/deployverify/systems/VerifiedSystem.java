package dev.deployverify.systems;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A system the suite verifies. Each lives in a package of its own, {@code dev.deployverify.systems.<name>}, holding
 * this implementation, its fault enum, {@code checklist.yaml} (the checklist catalogue), {@code defaults.yaml} (the
 * paths its code serves and the numbers its checklist sets), its checks ({@code checks/}) and its reference stand-in
 * ({@code reference/}). {@link Systems} finds it on the class path: adding a system registers it nowhere else.
 *
 * @param <F> the system's fault enum
 */
public interface VerifiedSystem<F extends Enum<F> & Fault> {

    /**
     * Its key everywhere: {@code systems.<name>} in environment files, the JUnit tag of its checks, the prefix of its
     * fault ids, its checklist's catalogue. It is the last segment of its package, so the folder is the name.
     */
    default String name() {
        String pkg = getClass().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /** The enum of the faults its stand-in can be started with. */
    Class<F> faultType();

    /** Every fault, in declaration order. */
    default List<F> faults() {
        return List.of(faultType().getEnumConstants());
    }

    /** Starts its reference stand-in on loopback with these faults on. */
    StandIn startStandIn(Set<F> faults);

    /** A started stand-in: the variables it publishes to the environment file, and what the checks left in it. */
    interface StandIn extends AutoCloseable {

        /** {@code reference.<name>.*} variables: URLs on loopback and this run's random credentials. */
        Map<String, String> variables();

        /**
         * Test data the checks created and did not delete (kind -> count), for systems whose API can delete what
         * the checks create.
         */
        default Map<String, Integer> leftovers() {
            return Map.of();
        }

        @Override
        void close();
    }
}
