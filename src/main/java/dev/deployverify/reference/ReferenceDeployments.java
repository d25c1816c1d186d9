package dev.deployverify.reference;

import dev.deployverify.systems.Fault;
import dev.deployverify.systems.Systems;
import dev.deployverify.systems.VerifiedSystem;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Starts the stand-ins of the systems a run selects (found by {@link Systems}) for a run against {@code env=local};
 * registered as a service for the toolkit.
 */
public final class ReferenceDeployments implements ReferenceDeployment.Factory {

    @Override
    public ReferenceDeployment start(Set<String> systems, Set<String> faults) {
        // A run checks fault ids with its request (RunRequest); a test starting the reference itself gets them checked here.
        faults.stream().filter(f -> Systems.fault(f).isEmpty()).findFirst().ifPresent(unknown -> {
            throw new IllegalArgumentException("unknown reference fault " + unknown);
        });
        Map<String, VerifiedSystem.StandIn> started = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (VerifiedSystem<?> system : Systems.all()) {
                if (!systems.contains(system.name())) {
                    continue; // its variables are not the run's business (see EnvironmentLoader), nor its start-up time
                }
                VerifiedSystem.StandIn standInOf = start(system, faults);
                started.put(system.name(), standInOf);
                variables.putAll(standInOf.variables());
            }
        } catch (RuntimeException e) {
            new Started(variables, faults, started).close();
            throw e;
        }
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
        public Map<String, Map<String, Integer>> leftovers() {
            Map<String, Map<String, Integer>> leftovers = new LinkedHashMap<>();
            standIns.forEach((system, standIn) -> {
                Map<String, Integer> left = standIn.leftovers();
                if (!left.isEmpty()) {
                    leftovers.put(system, left);
                }
            });
            return leftovers;
        }

        @Override
        public void close() {
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
