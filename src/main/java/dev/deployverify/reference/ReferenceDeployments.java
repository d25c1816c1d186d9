package dev.deployverify.reference;

import dev.deployverify.env.EnvironmentException;
import dev.deployverify.junit.ReferenceDeployment;
import dev.deployverify.systems.Fault;
import dev.deployverify.systems.Systems;
import dev.deployverify.systems.VerifiedSystem;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Starts every system's stand-in (found by {@link Systems}) for a run against {@code env=local}; registered as a service for the toolkit. */
public final class ReferenceDeployments implements ReferenceDeployment.Factory {

    /** The variables (URLs and per-run credentials) of the last deployment started in this JVM, for selftests. */
    private static volatile Map<String, String> lastVariables = Map.of();

    /** Test data the last deployment held when it stopped, beyond its seed: system -> kind -> count. */
    private static volatile Map<String, Map<String, Integer>> lastLeftovers = Map.of();

    /**
     * Another stand-in in place of the embedded one (a Node conformance target, see selftest/support/NodeConformanceTarget),
     * while the returned handle is open: a run against an environment with {@code reference: true} then starts no Java
     * stand-in and resolves its {@code ${reference.*}} variables from these. Its faults are given when it is started.
     */
    private static volatile Map<String, String> substitute;

    public static AutoCloseable substitute(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        substitute = copy;
        return () -> {
            if (substitute == copy) {
                substitute = null;
            }
        };
    }

    /** The last deployment's published variables: the secrets test looks for these values in the evidence. */
    public static Map<String, String> lastVariables() {
        return lastVariables;
    }

    /**
     * What the checks created and did not delete, in the last deployment stopped in this JVM (systems whose API
     * can delete what the checks create; YWMessaging's sent SMS cannot be unsent and is not counted).
     */
    public static Map<String, Map<String, Integer>> lastLeftovers() {
        return lastLeftovers;
    }

    /** Every fault of every system's stand-in, by id ({@code system.fault}). */
    @Override
    public Set<String> knownFaults() {
        return Systems.faults().stream().map(Systems::id).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public ReferenceDeployment start(Set<String> faults) {
        Map<String, String> standIn = substitute;
        if (standIn != null) {
            if (!faults.isEmpty()) {
                throw new EnvironmentException("reference.faults " + String.join(", ", new TreeSet<>(faults))
                        + " cannot apply to a substituted stand-in: its faults are chosen when it is started");
            }
            lastVariables = standIn;
            return new Started(standIn, Set.of(), Map.of());
        }
        Set<String> unknown = faults.stream().filter(f -> Systems.fault(f).isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new EnvironmentException("unknown reference fault " + String.join(", ", unknown)
                    + "; known: " + String.join(", ", knownFaults()));
        }
        Map<String, VerifiedSystem.StandIn> started = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (VerifiedSystem<?> system : Systems.all()) {
                VerifiedSystem.StandIn standInOf = start(system, faults);
                started.put(system.name(), standInOf);
                variables.putAll(standInOf.variables());
            }
        } catch (RuntimeException e) {
            new Started(variables, faults, started).close();
            throw e;
        }
        lastVariables = Map.copyOf(variables);
        return new Started(variables, faults, started);
    }

    /** Starts one system's stand-in with those of the given faults that are its own. */
    private static <F extends Enum<F> & Fault> VerifiedSystem.StandIn start(VerifiedSystem<F> system, Set<String> faults) {
        Set<F> own = EnumSet.noneOf(system.faultType());
        system.faults().stream().filter(f -> faults.contains(Systems.id(f))).forEach(own::add);
        return system.startStandIn(own);
    }

    private record Started(Map<String, String> variables, Set<String> faults,
                           Map<String, VerifiedSystem.StandIn> standIns) implements ReferenceDeployment {
        @Override
        public void close() {
            Map<String, Map<String, Integer>> leftovers = new LinkedHashMap<>();
            standIns.forEach((system, standIn) -> {
                Map<String, Integer> left = standIn.leftovers();
                if (!left.isEmpty()) {
                    leftovers.put(system, left);
                }
            });
            lastLeftovers = Map.copyOf(leftovers);
            for (VerifiedSystem.StandIn standIn : standIns.values()) {
                try {
                    standIn.close();
                } catch (RuntimeException e) {
                    // Stopping one stand-in must not keep the others running.
                }
            }
        }
    }
}
