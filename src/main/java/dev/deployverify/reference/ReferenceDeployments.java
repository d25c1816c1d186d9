package dev.deployverify.reference;

import dev.deployverify.env.EnvironmentException;
import dev.deployverify.junit.ReferenceDeployment;
import dev.deployverify.systems.dawg.reference.DawgReference;
import dev.deployverify.systems.muejam.reference.MuejamInfraReference;
import dev.deployverify.systems.muejam.reference.MuejamReference;
import dev.deployverify.systems.sp404.reference.Sp404Reference;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.wcagaii.reference.WcagaiiReference;
import dev.deployverify.systems.ywmessaging.reference.YwMessagingReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Starts every system's stand-in for a run against {@code env=local}; registered as a service for the toolkit. */
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

    /** Every fault of every stand-in, as {@code system.fault} -> what breaks. */
    public static Map<String, String> faultCatalogue() {
        Map<String, String> all = new LinkedHashMap<>();
        YwMessagingReference.FAULTS.forEach((fault, what) -> all.put("ywmessaging." + fault, what));
        DawgReference.FAULTS.forEach((fault, what) -> all.put("dawg." + fault, what));
        new java.util.TreeMap<>(MuejamReference.FAULTS).forEach((fault, what) -> all.put("muejam." + fault, what));
        new java.util.TreeMap<>(WcagaiiReference.FAULTS).forEach((fault, what) -> all.put("wcagaii." + fault, what));
        Sp404Reference.FAULTS.forEach((fault, what) -> all.put("sp404." + fault, what));
        return all;
    }

    @Override
    public Set<String> knownFaults() {
        return faultCatalogue().keySet();
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
            return new Started(standIn, Set.of(), List.of(), Map.of());
        }
        Map<String, String> catalogue = faultCatalogue();
        Set<String> unknown = faults.stream().filter(f -> !catalogue.containsKey(f)).collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new EnvironmentException("unknown reference fault " + String.join(", ", unknown)
                    + "; known: " + String.join(", ", new TreeSet<>(catalogue.keySet())));
        }
        List<AutoCloseable> started = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        YwMessagingReference ywmessaging = new YwMessagingReference(faultsOf("ywmessaging", faults));
        started.add(ywmessaging);
        variables.putAll(ywmessaging.variables());
        DawgReference dawg = new DawgReference(faultsOf("dawg", faults));
        started.add(dawg);
        variables.putAll(dawg.variables());
        WcagaiiReference wcagaii = new WcagaiiReference(faultsOf("wcagaii", faults));
        started.add(wcagaii);
        variables.putAll(wcagaii.variables());
        Map<String, Supplier<Map<String, Integer>>> census = new LinkedHashMap<>();
        census.put("dawg", dawg::leftovers);
        variables.putAll(startMuejam(faultsOf("muejam", faults), started, census));
        Sp404Reference sp404 = new Sp404Reference(faultsOf("sp404", faults));
        started.add(sp404);
        variables.putAll(sp404.variables());
        census.put("sp404", sp404::leftovers);
        lastVariables = Map.copyOf(variables);
        return new Started(variables, faults, started, census);
    }

    /**
     * MueJam is deployed blue-green: a live (blue) and a green stack, sharing the Clerk test secret, the faults and
     * one database.
     */
    private static Map<String, String> startMuejam(Faults faults, List<AutoCloseable> started,
                                                   Map<String, Supplier<Map<String, Integer>>> census) {
        MuejamInfraReference database = new MuejamInfraReference(faults);
        started.add(database);
        String secret = MuejamReference.newTestSecret();
        String moderator = "user_moderator_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        MuejamReference blue = new MuejamReference(faults, "blue", secret, moderator);
        started.add(blue);
        MuejamReference green = new MuejamReference(faults, "green", secret, moderator);
        started.add(green);
        census.put("muejam", blue::leftovers);
        census.put("muejam (green)", green::leftovers);
        Map<String, String> variables = new LinkedHashMap<>(database.variables());
        variables.putAll(Map.of("reference.muejam.url", blue.url(), "reference.muejam.plainHttpUrl", blue.plainHttpUrl(),
                "reference.muejam.greenUrl", green.url(), "reference.muejam.jwtSecret", secret,
                "reference.muejam.moderatorUserId", moderator));
        return variables;
    }

    private static Faults faultsOf(String system, Set<String> faults) {
        String prefix = system + ".";
        return new Faults(faults.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length()))
                .collect(Collectors.toSet()));
    }

    private record Started(Map<String, String> variables, Set<String> faults, List<AutoCloseable> parts,
                           Map<String, Supplier<Map<String, Integer>>> census) implements ReferenceDeployment {
        @Override
        public void close() {
            Map<String, Map<String, Integer>> leftovers = new LinkedHashMap<>();
            census.forEach((system, count) -> {
                Map<String, Integer> left = count.get();
                if (!left.isEmpty()) {
                    leftovers.put(system, left);
                }
            });
            lastLeftovers = Map.copyOf(leftovers);
            for (AutoCloseable part : parts) {
                try {
                    part.close();
                } catch (Exception e) {
                    // Stopping one stand-in must not keep the others running.
                }
            }
        }
    }
}
