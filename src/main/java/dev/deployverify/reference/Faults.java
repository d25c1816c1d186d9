package dev.deployverify.reference;

import java.util.Set;
import java.util.TreeSet;

/** The faults one system's stand-in was started with, by short name (the part after "system."). */
public final class Faults {

    private final Set<String> enabled;

    public Faults(Set<String> enabled) {
        this.enabled = Set.copyOf(enabled);
    }

    public boolean has(String fault) {
        return enabled.contains(fault);
    }

    public boolean any() {
        return !enabled.isEmpty();
    }

    @Override
    public String toString() {
        return enabled.isEmpty() ? "none" : String.join(", ", new TreeSet<>(enabled));
    }
}
