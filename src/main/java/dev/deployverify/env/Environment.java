package dev.deployverify.env;

import dev.deployverify.systems.Systems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A deployment to verify: its name, the systems it has, and the rules for checking it. */
public final class Environment {

    private final String name;
    private final String description;
    private final Path source;
    private final boolean reference;
    private final boolean mutatingChecksAllowed;
    private final Timeouts timeouts;
    private final SortedMap<String, SystemTarget> systems;
    private final Colour colour;
    private final Map<String, String> leftOut;

    Environment(String name, String description, Path source, boolean reference, boolean mutatingChecksAllowed,
                Timeouts timeouts, Map<String, SystemTarget> systems) {
        this(name, description, source, reference, mutatingChecksAllowed, timeouts, systems, Colour.LIVE, Map.of());
    }

    Environment(String name, String description, Path source, boolean reference, boolean mutatingChecksAllowed,
                Timeouts timeouts, Map<String, SystemTarget> systems, Colour colour, Map<String, String> leftOut) {
        this.colour = colour;
        this.leftOut = Map.copyOf(leftOut);
        this.name = name;
        this.description = description;
        this.source = source;
        this.reference = reference;
        this.mutatingChecksAllowed = mutatingChecksAllowed;
        this.timeouts = timeouts;
        this.systems = new TreeMap<>(systems);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The file it was read from. */
    public Path source() {
        return source;
    }

    /** True when the run targets the embedded reference deployment, started for this run. */
    public boolean isReference() {
        return reference;
    }

    /** Whether checks that create data (messages, jobs, uploads) may run here. Never true by default in production. */
    public boolean mutatingChecksAllowed() {
        return mutatingChecksAllowed;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public Optional<SystemTarget> system(String systemName) {
        return Optional.ofNullable(systems.get(systemName));
    }

    public SortedMap<String, SystemTarget> systems() {
        return systems;
    }

    /** The colour this run verifies (live unless {@code -Dcolour=green}). */
    public Colour colour() {
        return colour;
    }

    /** Every known system this run does not verify, with the reason (not selected, not configured here, no green stack). */
    public SortedMap<String, String> systemsNotVerified() {
        SortedMap<String, String> notVerified = new TreeMap<>();
        Systems.names().stream().filter(s -> !systems.containsKey(s))
                .forEach(s -> notVerified.put(s, absenceReason(s)));
        return notVerified;
    }

    /** Why a system's checks do not run here, for the skip reason. */
    public String absenceReason(String systemName) {
        return leftOut.getOrDefault(systemName, systemName + " is not configured in environment " + name);
    }
}
